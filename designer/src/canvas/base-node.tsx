import { memo, useEffect, useMemo, useRef, type ComponentType, type ReactNode } from 'react';
import { Handle, Position, useStore as useFlowViewport, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import type { NodeKind, NodeOfKind } from '@ledgerflow/flow-model';
import type { DesignerNode } from '../flow/designer-graph.types.ts';
import type { KindSerializer, OutputHandle, PaletteEntry } from '../node-kinds/node-kind-entry.ts';
import { useT } from '../i18n/i18n.ts';
import { useFlow } from './editor-context.ts';
import { connectedHandles } from '../flow/connected-handles.ts';

/** Bubbles to the canvas, which opens the palette to add the next node there (no import of the canvas from here). */
export const APPEND_EVENT = 'lf-append';
export interface AppendRequest {
  nodeId: string;
  handle: string;
}

/** Below this zoom the text is unreadable anyway; drawing less keeps panning a 1,000-node flow smooth. */
const COMPACT_ZOOM = 0.45;

export interface KindNodeProps extends NodeProps<DesignerNode> {
  palette: PaletteEntry;
  /** Whether edges may end on the node (not on triggers). */
  input: boolean;
  handles: readonly OutputHandle[];
  summary?: ReactNode;
}

/** The shared look of every node; each kind only decides its summary line (see kindView). */
export const BaseNode = memo(function BaseNode({
  id,
  data,
  selected,
  palette,
  input,
  handles,
  summary,
}: KindNodeProps) {
  const t = useT();
  const problems = useFlow((s) => s.problemsByNode[id]?.length ?? 0);
  const deco = useFlow((s) => s.decorations[id]);
  const compact = useFlowViewport((s) => s.transform[2] < COMPACT_ZOOM);
  const editable = useFlowViewport((s) => s.nodesConnectable);
  // A string, so the node re-renders only when its own outputs gain or lose an edge.
  const connected = useFlow((s) => [...(connectedHandles(s.edges).get(id) ?? [])].join('\n'));
  const node = data.node;
  const kindLabel = t(palette.labelKey);
  const cls = [
    'lf-node',
    compact ? 'compact' : '',
    `group-${palette.group}`,
    selected ? 'selected' : '',
    problems ? 'invalid' : '',
    deco?.status ? `deco-${deco.status}` : '',
  ].join(' ');
  return (
    <div className={cls} aria-label={`${kindLabel}: ${node.label ?? id}${problems ? `, ${problems} problem(s)` : ''}`}>
      {input && <Handle type="target" position={Position.Top} id="in" />}
      {compact ? (
        <div className="lf-label">{node.label ?? id}</div>
      ) : (
        <>
          <div className="lf-node-head">
            <span className="lf-icon" aria-hidden="true">
              {palette.icon}
            </span>
            <span className="lf-kind">{kindLabel}</span>
            {problems > 0 && (
              <span className="lf-badge error" title={`${problems} problem(s)`}>
                {problems}
              </span>
            )}
            {deco?.badge && <span className="lf-badge">{deco.badge}</span>}
          </div>
          <div className="lf-label">{node.label ?? id}</div>
          {summary && <div className="lf-summary">{summary}</div>}
        </>
      )}
      {handles.length > 0 && (
        <div className="lf-handles">
          {handles.map((h, i) => {
            // Outcomes keep their author's words; the outputs every kind shares are named in the user's language.
            const name =
              h.role === 'error' || h.role === 'timeout' || h.role === 'expired'
                ? t(`edge.${h.role}`)
                : h.labelKey
                  ? t(h.labelKey)
                  : h.label;
            const left = `${((i + 1) / (handles.length + 1)) * 100}%`;
            return (
              <div key={h.id} className={`lf-handle-label role-${h.role}`} style={{ left }}>
                {compact ? null : name}
                <Handle
                  type="source"
                  position={Position.Bottom}
                  id={h.id}
                  style={{ left: '50%' }}
                  className={`role-${h.role}`}
                  title={name || t('connect.nextHandle')}
                />
                {editable && !compact && !connected.split('\n').includes(h.id) && (
                  <button
                    type="button"
                    className="lf-append nodrag nopan"
                    aria-label={`${t('canvas.append')}: ${name || t('connect.nextHandle')}`}
                    title={t('canvas.append')}
                    onClick={(e) => {
                      e.stopPropagation();
                      const detail: AppendRequest = { nodeId: id, handle: h.id };
                      e.currentTarget.dispatchEvent(new CustomEvent(APPEND_EVENT, { bubbles: true, detail }));
                    }}
                  >
                    +
                  </button>
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});

/**
 * A kind's canvas node: the base look with the kind's palette, handles and summary line. Handles are derived
 * only when the node's content changes, not on every drag frame.
 */
export function kindView<K extends NodeKind>(
  palette: PaletteEntry,
  serializer: KindSerializer<K>,
  summary?: (node: NodeOfKind<K>) => ReactNode,
): ComponentType<NodeProps<DesignerNode>> {
  return memo(function KindNodeView(props: NodeProps<DesignerNode>) {
    const node = props.data.node as NodeOfKind<K>;
    const handles = useMemo(() => serializer.outputs(node), [node]);
    // React Flow measures handles only when a node's size changes; an output added while editing (`expired` once a
    // task has a due date) would otherwise be neither draggable nor drawable until a reload.
    const updateInternals = useUpdateNodeInternals();
    const handleKey = handles.map((h) => h.id).join('\n');
    const firstKey = useRef(handleKey);
    useEffect(() => {
      if (handleKey !== firstKey.current) {
        firstKey.current = handleKey;
        updateInternals(props.id);
      }
    }, [handleKey, props.id, updateInternals]);
    return (
      <BaseNode {...props} palette={palette} input={serializer.input} handles={handles} summary={summary?.(node)} />
    );
  });
}
