import type { NodeTrace, RunTrace } from './run-trace.ts';
import { useT } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';
import { ValueView as Json } from './value-view.tsx';

/** `label`: the node's label in the flow (the id when it has none). */
export function NodeRunDetails({
  nodeId,
  node,
  label,
}: {
  nodeId: string;
  node: NodeTrace | undefined;
  label?: string;
}) {
  const t = useT();
  const labels = useStatusLabels();
  if (!node) return <p className="muted">{label ?? nodeId}: —</p>;
  return (
    <section className="node-run">
      <h3>
        {label ?? nodeId} <span className={`status ${node.status}`}>{labels.s(node.status)}</span>
      </h3>
      {node.input !== undefined && (
        <>
          <h4>{t('run.nodeInput')}</h4>
          <Json value={node.input} />
        </>
      )}
      {node.output !== undefined && (
        <>
          <h4>{t('run.nodeOutput')}</h4>
          <Json value={node.output} />
        </>
      )}
      {node.decision !== undefined && (
        <>
          <h4>{t('run.trace')}</h4>
          <Json value={node.decision} />
        </>
      )}
      {node.details.map((d, i) => (
        <div key={i}>
          <h4>{d.type}</h4>
          <Json value={d.data} />
        </div>
      ))}
      {node.errors.length > 0 && (
        <>
          <h4>{t('run.errors')}</h4>
          <Json value={node.errors} />
        </>
      )}
    </section>
  );
}

/** `labelOf`: a node's label for its id, so errors name the step as the flow does. */
export function RunErrors({ trace, labelOf }: { trace: RunTrace; labelOf?: (nodeId: string) => string }) {
  const t = useT();
  if (!trace.errors.length) return null;
  return (
    <div role="alert" className="panel">
      <h3>{t('run.errors')}</h3>
      <ul>
        {trace.errors.map((e, i) => (
          <li key={i}>
            {e.nodeId && <strong>{labelOf ? labelOf(e.nodeId) : e.nodeId}: </strong>}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Only http(s) links are rendered, so a hostile temporalUrl cannot become a javascript: link. */
export function safeHttpUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, location.origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
