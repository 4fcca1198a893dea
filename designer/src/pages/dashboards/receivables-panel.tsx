// DSO, CEI, open amount and the aging of open items of a record-feed flow whose records are invoices or
// open items. The record's field names differ per source (NetSuite: amountRemaining/dueDate/tranDate,
// SAP: amount/netDueDate/documentDate), so they are editable and remembered per flow in this browser.
import { useState } from 'react';
import { agingBucketLabel, formatMoneyOrMissing } from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { StackedColumns } from './charts.tsx';
import { dashboardsApi, type ReceivablesFields } from './dashboards-api.ts';
import { useDashboardsT, useNumber } from './dashboards-i18n.ts';

const DEFAULTS: ReceivablesFields = {
  amount: 'amountRemaining',
  total: 'total',
  due: 'dueDate',
  date: 'tranDate',
  days: 90,
};
const storageKey = (flowId: string) => `lf.receivables.${flowId}`;

function load(flowId: string): ReceivablesFields {
  try {
    return {
      ...DEFAULTS,
      ...(JSON.parse(localStorage.getItem(storageKey(flowId)) ?? '{}') as Partial<ReceivablesFields>),
    };
  } catch {
    return DEFAULTS;
  }
}

/** `refreshedAt` changes when the dashboard reloads (after "Extract now"): the figures follow. */
export function ReceivablesPanel({ flowId, refreshedAt }: { flowId: string; refreshedAt: number }) {
  const t = useDashboardsT();
  const fmt = useNumber();
  const lang = useLang((s) => s.lang);
  const [fields, setFields] = useState<ReceivablesFields>(() => load(flowId));
  const data = useAsync(
    () => dashboardsApi.receivables(flowId, fields),
    [flowId, refreshedAt, fields.amount, fields.total, fields.due, fields.date, fields.days],
  );
  const set = (k: keyof ReceivablesFields, v: string) => {
    const next = { ...fields, [k]: k === 'days' ? Math.min(366, Math.max(1, Number(v) || DEFAULTS.days)) : v.trim() };
    setFields(next);
    localStorage.setItem(storageKey(flowId), JSON.stringify(next));
  };
  const money = (amount: string, currency: string | null) => formatMoneyOrMissing(amount, currency, lang);
  const r = data.data;
  return (
    <section className="card receivables" aria-labelledby="receivables-title" data-testid="receivables">
      <h3 id="receivables-title">{t('receivables')}</h3>
      <details>
        <summary>{t('fields')}</summary>
        <div className="row">
          {(
            [
              ['amount', 'fAmount'],
              ['total', 'fTotal'],
              ['due', 'fDue'],
              ['date', 'fDate'],
            ] as const
          ).map(([k, label]) => (
            <label key={k}>
              {t(label)} <input defaultValue={fields[k]} onBlur={(e) => set(k, e.target.value)} size={14} />
            </label>
          ))}
          <label>
            {t('fDays')}{' '}
            <input
              type="number"
              min={1}
              max={366}
              defaultValue={fields.days}
              onBlur={(e) => set('days', e.target.value)}
            />
          </label>
        </div>
      </details>
      {data.error && (
        <p role="alert" className="error">
          {data.error.message}
        </p>
      )}
      {r && r.currencies.length === 0 && <p>{t('noReceivables')}</p>}
      {r?.currencies.map((c) => (
        <div key={c.currency ?? '-'} data-testid={`receivables-${c.currency ?? 'none'}`}>
          <div className="tiles">
            <div className="tile">
              <span className="tile-label">
                {t('openAr')} {c.currency}
              </span>
              <span className="tile-value">{money(c.open, c.currency)}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{t('dso')}</span>
              <span className="tile-value">{c.dso ?? '—'}</span>
              <span className="tile-hint">{t('kpiHint', { days: fmt(r.days), date: r.asOf })}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{t('cei')}</span>
              <span className="tile-value">{c.cei === null ? '—' : `${c.cei} %`}</span>
              <span className="tile-hint">{t('kpiHint', { days: fmt(r.days), date: r.asOf })}</span>
            </div>
          </div>
          <StackedColumns
            title={t('agingTitle', { currency: c.currency ?? '' })}
            format={fmt}
            caption={t('tableCaption')}
            xAxis={t('agingAxis')}
            yAxis={t('amountAxis')}
            totalLabel={t('total')}
            series={[{ label: t('amountAxis'), color: '#1f4fb8' }]}
            // Bars need numbers; the exact amounts are in the tiles and the chart's data table labels.
            groups={c.aging.map((a) => ({
              key: a.bucket,
              label: agingBucketLabel(a.bucket, lang),
              values: [Math.round(Number(a.amount))],
            }))}
          />
        </div>
      ))}
    </section>
  );
}
