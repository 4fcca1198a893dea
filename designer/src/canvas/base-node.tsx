import { memo, type ReactNode } from 'react';
import { Handle, Position, useStore as useFlowViewport, type NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../flow/serializer.ts';
import { hasInput, kindInfo, outputHandles } from '../flow/node-kinds.ts';
import { useLang } from '../i18n/i18n.ts';
import { useFlow } from './editor-context.ts';

/** Below this zoom the text is unreadable anyway; drawing less keeps panning a 1,000-node flow smooth. */
const COMPACT_ZOOM = 0.45;

export interface KindNodeProps extends NodeProps<DesignerNode> {
  summary?: ReactNode;
}

/** The shared look of every node; each <kind>-node.tsx only decides the summary line. */
export const BaseNode = memo(function BaseNode({ id, data, selected, summary }: KindNodeProps) {
  const lang = useLang((s) => s.lang);
  const problems = useFlow((s) => s.problemsByNode[id]?.length ?? 0);
  const deco = useFlow((s) => s.decorations[id]);
  const compact = useFlowViewport((s) => s.transform[2] < COMPACT_ZOOM);
  const node = data.node;
  const info = kindInfo(node.kind);
  const handles = outputHandles(node);
  const cls = ['lf-node', compact ? 'compact' : '', `group-${info?.group ?? 'unknown'}`, selected ? 'selected' : '', problems ? 'invalid' : '', deco?.status ? `deco-${deco.status}` : ''].join(' ');
  return (
    <div className={cls} aria-label={`${info?.label[lang] ?? node.kind}: ${node.label ?? id}${problems ? `, ${problems} problem(s)` : ''}`}>
      {hasInput(node.kind) && <Handle type="target" position={Position.Top} id="in" />}
      {compact ? (
        <div className="lf-label">{node.label ?? id}</div>
      ) : (
        <>
      <div className="lf-node-head">
        <span className="lf-icon" aria-hidden="true">{info?.icon ?? '?'}</span>
        <span className="lf-kind">{info?.label[lang] ?? node.kind}</span>
        {problems > 0 && <span className="lf-badge error" title={`${problems} problem(s)`}>{problems}</span>}
        {deco?.badge && <span className="lf-badge">{deco.badge}</span>}
      </div>
      <div className="lf-label">{node.label ?? id}</div>
      {summary && <div className="lf-summary">{summary}</div>}
        </>
      )}
      {handles.length > 0 && (
        <div className="lf-handles">
          {handles.map((h, i) => {
            const left = `${((i + 1) / (handles.length + 1)) * 100}%`;
            return (
              <div key={h.id} className={`lf-handle-label role-${h.role}`} style={{ left }}>
                {compact ? null : h.label}
                <Handle type="source" position={Position.Bottom} id={h.id} style={{ left: '50%' }} className={`role-${h.role}`} title={h.label || 'next'} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});
