import { useCallback, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore as useViewport } from '@xyflow/react';
import { nodeTypes } from './node-types.ts';
import { useFitAll } from './use-fit-all.ts';
import { useFlow, useFlowApi } from './editor-context.ts';
import { DRAG_MIME, type PaletteItem } from './palette.tsx';
import { useT } from '../i18n/i18n.ts';
import type { DesignerEdge, DesignerNode } from '../flow/serializer.ts';

const EDGE_DEFAULTS = { type: 'smoothstep' } as const;
const FIT = { padding: 0.1, maxZoom: 1.2 } as const;
const OVERVIEW_ZOOM = 0.2;
/** Above this, opening at fit-to-view would paint every node at once; start readable at the trigger instead. */
const FIT_LIMIT = 150;

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

export function FlowCanvas({ readOnly = false, highlightedEdges }: { readOnly?: boolean; highlightedEdges?: ReadonlySet<string> }) {
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
  const [opening] = useState(() => (nodes.length > FIT_LIMIT ? { fit: false, viewport: initialViewport(nodes) } : { fit: true, viewport: undefined }));

  const edges: DesignerEdge[] = highlightedEdges?.size
    ? rawEdges.map((e) => (highlightedEdges.has(`${e.source}->${e.target}`) ? { ...e, animated: true, className: 'taken' } : e))
    : rawEdges;

  const addAt = useCallback((item: PaletteItem, position: { x: number; y: number }) => {
    store.getState().addNode(item.kind, position, item.config, item.label);
  }, [store]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const raw = e.dataTransfer.getData(DRAG_MIME);
    if (!raw || readOnly) return;
    const item = JSON.parse(raw) as PaletteItem;
    addAt(item, rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
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
    else if (key === 'delete' || key === 'backspace') s.removeSelected();
    else if (!mod && key === 'f') void fitAll();
    else return;
    e.preventDefault();
  };

  // Expose "add at centre" for the palette's keyboard path.
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const handler = (ev: Event) => {
      const rect = el.getBoundingClientRect();
      addAt((ev as CustomEvent<PaletteItem>).detail, rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }));
    };
    el.addEventListener('lf-add', handler);
    return () => el.removeEventListener('lf-add', handler);
  }, [addAt, rf]);

  return (
    <div className={overview ? 'canvas overview' : 'canvas'} ref={wrapper} onKeyDown={onKeyDown} onDrop={onDrop} onDragOver={(e) => e.preventDefault()} role="region" aria-label={t('editor.canvas')} tabIndex={0} id="flow-canvas">
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
  );
}

export function addNodeAtCentre(item: PaletteItem): void {
  document.getElementById('flow-canvas')?.dispatchEvent(new CustomEvent('lf-add', { detail: item }));
}
