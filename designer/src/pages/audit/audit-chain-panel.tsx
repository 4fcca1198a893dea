// One case's audit chain, for the run page and the customer page: rule version → decisions → approvals → ERP
// writes, in the order they happened. Everything from data is rendered as text.
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../shell/use-async.ts';
import { auditApi, type ChainStep } from './audit-api.ts';
import { useAuditDate, useAuditT, type AuditKey } from './audit-i18n.ts';
import './audit.css';
import { Colon } from '../../i18n/colon.tsx';

const KIND: Record<ChainStep['kind'], AuditKey> = {
  version: 's_version',
  decision: 's_decision',
  approval: 's_approval',
  erp_write: 's_erp_write',
};

function StepBody({ step }: { step: ChainStep }) {
  const t = useAuditT();
  switch (step.kind) {
    case 'version':
      return (
        <>
          {step.flowName ?? step.flowId} · {step.version ? `v${step.version}` : t('draft')}
          {step.hash && (
            <>
              {' '}
              · <code title={step.hash}>{step.hash.slice(0, 19)}…</code>
            </>
          )}
          {step.publishedBy && (
            <span className="muted">
              {' '}
              · {t('publishedBy')} {step.publishedBy}
            </span>
          )}
        </>
      );
    case 'decision':
      return (
        <>
          <strong>{step.nodeLabel}</strong> → {step.outcome}{' '}
          <span className="muted">
            ({step.matched.length ? `${t('matched')}: ${step.matched.join(', ')}` : t('noneMatched')})
          </span>
        </>
      );
    case 'approval':
      return (
        <>
          {step.title ?? step.nodeLabel} → {step.outcome ?? t('pending')}
          {step.by && (
            <span className="muted">
              {' '}
              · {t('decidedBy')} {step.by}
            </span>
          )}
        </>
      );
    case 'erp_write':
      return (
        <>
          {step.connector}.{step.action}{' '}
          {!step.ok && (
            <span className="bad">
              ({t('failed')}
              <Colon />
              {step.error})
            </span>
          )}
          <br />
          <span className="muted">
            {t('key')}
            <Colon />
          </span>
          <code>{step.idempotencyKey}</code>
        </>
      );
  }
}

export function AuditChainPanel({ runId }: { runId: string }) {
  const t = useAuditT();
  const date = useAuditDate();
  const chain = useAsync(() => auditApi.chain(runId), [runId]);
  if (chain.error)
    return (
      <p role="alert" className="error">
        {chain.error instanceof ApiError && chain.error.status === 403 ? t('notVisible') : chain.error.message}
      </p>
    );
  if (!chain.data) return <p role="status">{t('loading')}</p>;
  const steps = chain.data.steps;
  return (
    <div className="audit-chain" data-testid="audit-chain">
      <p className="muted">{t('chainIntro')}</p>
      <ol>
        {steps.map((s, i) => (
          <li key={`${s.kind}-${i}`} className={`chain-${s.kind}`}>
            <span className="chain-kind">{t(KIND[s.kind])}</span>{' '}
            <time dateTime={s.at} className="muted">
              {date(s.at)}
            </time>
            <div>
              <StepBody step={s} />
            </div>
          </li>
        ))}
      </ol>
      {steps.length === 1 && <p className="muted">{t('noSteps')}</p>}
    </div>
  );
}

/** The chain folded under its title: loaded only when opened, so a run page or a list of cases stays light. */
export function AuditChainDetails({ runId, title }: { runId: string; title?: string }) {
  const t = useAuditT();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title ?? t('chainTitle')}</summary>
      {open && <AuditChainPanel runId={runId} />}
    </details>
  );
}
