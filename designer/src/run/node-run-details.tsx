import type { NodeTrace, RunTrace } from './run-trace.ts';
import { useT } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';

function Json({ value }: { value: unknown }) {
  // Pretty-printed text in a <pre>: data is never interpreted as markup.
  return <pre className="json">{JSON.stringify(value, null, 2) ?? 'undefined'}</pre>;
}

export function NodeRunDetails({ nodeId, node }: { nodeId: string; node: NodeTrace | undefined }) {
  const t = useT();
  const labels = useStatusLabels();
  if (!node) return <p className="muted">{nodeId}: —</p>;
  return (
    <section className="node-run">
      <h3>
        {nodeId} <span className={`status ${node.status}`}>{labels.s(node.status)}</span>
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

export function RunErrors({ trace }: { trace: RunTrace }) {
  const t = useT();
  if (!trace.errors.length) return null;
  return (
    <div role="alert" className="panel">
      <h3>{t('run.errors')}</h3>
      <ul>
        {trace.errors.map((e, i) => (
          <li key={i}>
            {e.nodeId && <strong>{e.nodeId}: </strong>}
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
