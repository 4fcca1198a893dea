import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore as useViewport } from '@xyflow/react';
import { kindEntry, nodeTypes, outputHandles } from '../node-kinds/registry.ts';
import { useFitAll } from './use-fit-all.ts';
import { useFlow, useFlowApi } from './editor-context.ts';
import { DRAG_MIME, type PaletteItem } from './palette.tsx';
import { translate, useLang, useT } from '../i18n/i18n.ts';
import type { DesignerEdge, DesignerNode } from '../flow/designer-graph.types.ts';
import { connectSubject } from '../flow/keyboard-connect.ts';
import { APPEND_EVENT, type AppendRequest } from './base-node.tsx';
import { edgeLabel, labelEdges, type RoleWords } from '../flow/edge-labels.ts';

// The dialogs (and Mantine's Modal) load when first opened, so opening the editor never waits for them.
const ConnectDialog = lazy(() => import('./connect-dialog.tsx').then((m) => ({ default: m.ConnectDialog })));
const AppendDialog = lazy(() => import('./append-dialog.tsx').then((m) => ({ default: m.AppendDialog })));

const EDGE_DEFAULTS = { type: 'smoothstep' } as const;
const FIT = { padding: 0.1, maxZoom: 1.2 } as const;
const OVERVIEW_ZOOM = 0.2;
/** Above this, opening at fit-to-view would paint every node at once; start readable at the trigger instead. */
const FIT_LIMIT = 150;
/** How far below its source a node added from an output's "+" lands. */
const APPEND_GAP = 160;
const APPEND_STEP = 240;

function initialViewport(nodes: readonly DesignerNode[]): { x: number; y: number; zoom: number } {
  const start = nodes.find((n) => n.type?.startsWith('trigger')) ?? nodes[0];
  const zoom = 0.8;
  return start ? { x: -start.position.x * zoom + 300, y: -start.position.y * zoom + 60, zoom } : { x: 0, y: 0, zoom };
}

function isTyping(target: EventTarget): boolean {
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function minimapColor(n: DesignerNode): string {
  return n.type?.startsWith('trigger') ? '#2f6f3e' : n.type === 'end' ? '#555' : '#3b5ba5';
}

export function FlowCanvas({
  readOnly = false,
  highlightedEdges,
}: {
  readOnly?: boolean;
  highlightedEdges?: ReadonlySet<string>;
}) {
  const t = useT();
  const store = useFlowApi();
  const nodes = useFlow((s) => s.nodes);
  const ghosts = useFlow((s) => s.ghosts);
  const rawEdges = useFlow((s) => s.edges);
  const onNodesChange = useFlow((s) => s.onNodesChange);
  const onEdgesChange = useFlow((s) => s.onEdgesChange);
  const onConnect = useFlow((s) => s.onConnect);
  const checkpoint = useFlow((s) => s.checkpoint);
  const rf = useReactFlow();
  const fitAll = useFitAll();
  // At overview zoom, text is under 2px tall: hiding it (a CSS class, no re-render) roughly halves paint time.
  const overview = useViewport((s) => s.transform[2] < OVERVIEW_ZOOM);
  const wrapper = useRef<HTMLDivElement>(null);
  // Decided once per mount: later edits must not jump the viewport.
  const [opening] = useState(() =>
    nodes.length > FIT_LIMIT ? { fit: false, viewport: initialViewport(nodes) } : { fit: true, viewport: undefined },
  );
  const [connecting, setConnecting] = useState<string | null>(null);
  const [appending, setAppending] = useState<AppendRequest | null>(null);
  const lang = useLang((s) => s.lang);
  const words = useMemo<RoleWords>(
    () => ({ error: t('edge.error'), timeout: t('edge.timeout'), expired: t('edge.expired'), word: t }),
    [t],
  );
  const [announcement, setAnnouncement] = useState('');
  const opener = useRef<HTMLElement | null>(null);

  const labelled = useMemo(() => labelEdges(rawEdges, nodes, words), [rawEdges, nodes, words]);
  const edges: DesignerEdge[] = highlightedEdges?.size
    ? labelled.map((e) =>
        highlightedEdges.has(`${e.source}->${e.target}`) ? { ...e, animated: true, className: 'taken' } : e,
      )
    : labelled;

  // A plain kind's defaults propose labels (outcomes, a task title) in the language of the user dropping it.
  const configOf = useCallback((item: PaletteItem) => item.config ?? kindEntry(item.kind)?.defaults(lang), [lang]);
  const addAt = useCallback(
    (item: PaletteItem, position: { x: number; y: number }) => {
      store.getState().addNode(item.kind, position, configOf(item), item.label);
    },
    [store, configOf],
  );

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const raw = e.dataTransfer.getData(DRAG_MIME);
    if (!raw || readOnly) return;
    const item = JSON.parse(raw) as PaletteItem;
    addAt(item, rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  // Focus is remembered here because the dialog takes it; the focused node also decides the subject when none is selected.
  const openConnect = useCallback(
    (focused: Element | null) => {
      const focusedId = focused?.closest('.react-flow__node')?.getAttribute('data-id');
      const id = connectSubject(store.getState().nodes, focusedId);
      if (!id) return setAnnouncement(translate(useLang.getState().lang, 'connect.needNode'));
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setAnnouncement('');
      setConnecting(id);
    },
    [store],
  );

  const closeConnect = (message?: string) => {
    setConnecting(null);
    if (message) setAnnouncement(message);
    const back = opener.current?.isConnected ? opener.current : wrapper.current;
    back?.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (isTyping(e.target) || readOnly) return;
    const s = store.getState();
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z' && !e.shiftKey) s.undo();
    else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) s.redo();
    else if (mod && key === 'c') s.copy();
    else if (mod && key === 'v') s.paste();
    else if (mod && key === 'a') store.setState({ nodes: s.nodes.map((n) => ({ ...n, selected: true })) });
    else if (key === 'delete' || key === 'backspace') {
      s.removeSelected();
      // The focused node or edge may just have been deleted; without this, focus falls to <body> and shortcuts stop working.
      requestAnimationFrame(() => {
        if (!wrapper.current?.contains(document.activeElement)) wrapper.current?.focus({ preventScroll: true });
      });
    } else if (!mod && key === 'f') void fitAll();
    else if (!mod && !e.altKey && key === 'c') openConnect(e.target as Element);
    else return;
    e.preventDefault();
  };

  // Expose "add at centre" for the palette's keyboard path.
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const handler = (ev: Event) => {
      const rect = el.getBoundingClientRect();
      addAt(
        (ev as CustomEvent<PaletteItem>).detail,
        rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }),
      );
    };
    el.addEventListener('lf-add', handler);
    return () => el.removeEventListener('lf-add', handler);
  }, [addAt, rf]);

  // An output's "+" (base-node) asks for the next node; the event bubbles up from the node.
  useEffect(() => {
    const el = wrapper.current;
    if (!el || readOnly) return;
    const handler = (ev: Event) => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setAppending((ev as CustomEvent<AppendRequest>).detail);
    };
    el.addEventListener(APPEND_EVENT, handler);
    return () => el.removeEventListener(APPEND_EVENT, handler);
  }, [readOnly]);

  const appendNode = (req: AppendRequest, item: PaletteItem) => {
    const s = store.getState();
    const source = s.nodes.find((n) => n.id === req.nodeId);
    if (!source) return setAppending(null);
    const outs = outputHandles(source.data.node);
    const index = Math.max(
      0,
      outs.findIndex((h) => h.id === req.handle),
    );
    // Siblings from one node's outputs fan out sideways instead of landing on top of each other.
    let x = source.position.x + (outs.length > 1 ? (index - (outs.length - 1) / 2) * APPEND_STEP : 0);
    const y = source.position.y + APPEND_GAP;
    // Step aside from a node already there, so the new one is never hidden under it.
    while (s.nodes.some((n) => Math.abs(n.position.x - x) < APPEND_STEP && Math.abs(n.position.y - y) < APPEND_GAP / 2))
      x += APPEND_STEP;
    const id = s.addNode(item.kind, { x, y }, configOf(item), item.label);
    store.getState().onConnect({ source: req.nodeId, sourceHandle: req.handle, target: id, targetHandle: 'in' });
    closeAppend();
  };

  const closeAppend = () => {
    setAppending(null);
    const back = opener.current?.isConnected ? opener.current : wrapper.current;
    back?.focus({ preventScroll: true });
  };

  // The toolbar's "Connect…" button opens the same dialog as the C key.
  useEffect(() => {
    const el = wrapper.current;
    if (!el || readOnly) return;
    const handler = () => openConnect(document.activeElement);
    el.addEventListener('lf-connect', handler);
    return () => el.removeEventListener('lf-connect', handler);
  }, [openConnect, readOnly]);

  return (
    <>
      <div
        className={overview ? 'canvas overview' : 'canvas'}
        ref={wrapper}
        onKeyDown={onKeyDown}
        onDrop={onDrop}
        onDragOver={(e) => e.preventDefault()}
        role="region"
        aria-label={t('editor.canvas')}
        tabIndex={0}
        id="flow-canvas"
      >
        <ReactFlow
          nodes={ghosts.length ? nodes.concat(ghosts) : nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          defaultEdgeOptions={EDGE_DEFAULTS}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onNodeDragStart={checkpoint}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          multiSelectionKeyCode="Shift"
          selectionKeyCode="Shift"
          fitView={opening.fit}
          fitViewOptions={FIT}
          {...(opening.viewport ? { defaultViewport: opening.viewport } : {})}
          minZoom={0.05}
          onlyRenderVisibleElements
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} />
          <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" />
          <Controls />
        </ReactFlow>
      </div>
      {/* Outside the canvas element, so keys typed in the dialog never reach the canvas shortcuts. */}
      <Suspense fallback={null}>
        {connecting && <ConnectDialog nodeId={connecting} onClose={closeConnect} />}
        {appending && (
          <AppendDialog
            output={
              edgeLabel(nodes.find((n) => n.id === appending.nodeId)?.data.node, appending.handle, words) ||
              translate(lang, 'connect.nextHandle')
            }
            onPick={(item) => appendNode(appending, item)}
            onClose={closeAppend}
          />
        )}
      </Suspense>
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </>
  );
}

export function addNodeAtCentre(item: PaletteItem): void {
  document.getElementById('flow-canvas')?.dispatchEvent(new CustomEvent('lf-add', { detail: item }));
}

export function openConnectDialog(): void {
  document.getElementById('flow-canvas')?.dispatchEvent(new CustomEvent('lf-connect'));
}
