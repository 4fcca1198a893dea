// The customer page's cases: each run holding the customer's tasks, with its audit chain one click away.
import { useAsync } from '../../shell/use-async.ts';
import { auditApi } from './audit-api.ts';
import { AuditChainDetails } from './audit-chain-panel.tsx';
import { useAuditDate, useAuditT } from './audit-i18n.ts';

export function CustomerCases({ customer }: { customer: string }) {
  const t = useAuditT();
  const date = useAuditDate();
  const cases = useAsync(() => auditApi.customerCases(customer), [customer]);
  return (
    <>
      <h2>{t('cases')}</h2>
      {cases.error && (
        <p role="alert" className="error">
          {cases.error.message}
        </p>
      )}
      {cases.data && cases.data.items.length === 0 && <p>{t('noCases')}</p>}
      {cases.data && cases.data.items.length > 0 && (
        <ul className="customer-cases" data-testid="customer-cases">
          {cases.data.items.map((c) => (
            <li key={c.runId}>
              <a href={`#/runs/${encodeURIComponent(c.runId)}`}>
                <code>{c.businessKey}</code>
              </a>{' '}
              {c.flowName} {c.version ? `v${c.version}` : ''} · <span className={`status ${c.status}`}>{c.status}</span>
              {c.outcome && <> · {c.outcome}</>}{' '}
              <span className="muted">
                · {t('started')} <time dateTime={c.startedAt}>{date(c.startedAt)}</time>
              </span>
              <AuditChainDetails runId={c.runId} title={t('showChain')} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
