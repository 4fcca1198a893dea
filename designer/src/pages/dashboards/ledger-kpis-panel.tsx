// The dashboard's ledger KPI section: a month's DSO, best possible DSO, ADD and CEI and the aging as of a day, per
// currency, read from the ledger's history, with the monthly trend below. Not tied to a flow: the ledger is one.
import { useState, type ChangeEvent } from 'react';
import { agingBucketLabel, formatMoneyOrMissing } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useSession } from '../../shell/session.ts';
import { useAsync } from '../../shell/use-async.ts';
import { StackedColumns } from './charts.tsx';
import { useNumber } from './dashboards-i18n.ts';
import { LedgerKpiTrendSection } from './ledger-kpi-trend.tsx';
import { ledgerKpisApi, type LedgerKpiFigures, type LedgerKpis, type LedgerScope } from './ledger-kpis-api.ts';
import { useCivilDate, useLedgerKpisT, useTwoDecimals } from './ledger-kpis-i18n.ts';
import { DateField } from '../../shell/date-field.tsx';

const READERS = ['collector', 'manager', 'process_owner', 'admin'];

export function LedgerKpisPanel() {
  const t = useLedgerKpisT();
  const user = useSession((s) => s.user);
  const allowed = !!user?.roles.some((r) => READERS.includes(r));
  const [scope, setScope] = useState<LedgerScope>({ asOf: '', company: '', segment: '' });
  const [period, setPeriod] = useState('');
  const data = useAsync(
    () => (allowed ? ledgerKpisApi.kpis({ ...scope, period }) : Promise.resolve(undefined)),
    [allowed, scope.asOf, scope.company, scope.segment, period],
  );
  if (!allowed) return null;
  const forbidden = data.error instanceof ApiError && data.error.status === 403;
  const set = (k: keyof LedgerScope) => (e: ChangeEvent<HTMLInputElement>) =>
    setScope((s) => ({ ...s, [k]: e.target.value.trim() }));
  return (
    <section className="card ledger-kpis" aria-labelledby="ledger-kpis-title" data-testid="ledger-kpis">
      <h2 id="ledger-kpis-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="row">
        <label>
          {t('asOf')}{' '}
          <DateField
            value={scope.asOf}
            onChange={(asOf) => setScope((s) => ({ ...s, asOf }))}
            data-testid="ledger-as-of"
          />
        </label>
        <label>
          {t('period')} <DateField kind="month" value={period} onChange={setPeriod} data-testid="ledger-period" />
        </label>
        <label>
          {t('company')} <input defaultValue="" placeholder={t('all')} onBlur={set('company')} size={10} />
        </label>
        <label>
          {t('segment')} <input defaultValue="" placeholder={t('all')} onBlur={set('segment')} size={10} />
        </label>
      </div>
      {data.loading && !data.data && <p role="status">{t('loading')}</p>}
      {data.error && (
        <p role="alert" className="error">
          {forbidden ? t('forbidden') : data.error.message}{' '}
          {!forbidden && (
            <button type="button" onClick={data.reload}>
              {t('retry')}
            </button>
          )}
        </p>
      )}
      {data.data && <LedgerKpiFiguresView kpis={data.data} />}
      {!forbidden && <LedgerKpiTrendSection scope={scope} />}
    </section>
  );
}

function LedgerKpiFiguresView({ kpis }: { kpis: LedgerKpis }) {
  const t = useLedgerKpisT();
  const date = useCivilDate();
  const days = useTwoDecimals();
  const fmt = useNumber();
  const lang = useLang((s) => s.lang);
  const money = (amount: string, currency: string) => formatMoneyOrMissing(amount, currency, lang);
  const inDays = (v: string | null) => (v === null ? t('none') : t('days', { n: days(v) }));
  return (
    <>
      <p className="muted" role="status">
        {t('window', {
          period: date.month(kpis.period),
          start: date.day(kpis.start),
          end: date.day(kpis.end),
          days: fmt(kpis.days),
          asOf: date.day(kpis.asOf),
        })}
      </p>
      {kpis.currencies.length === 0 && <p>{t('noData')}</p>}
      {kpis.currencies.map((c: LedgerKpiFigures) => (
        <div key={c.currency} data-testid={`ledger-kpis-${c.currency}`}>
          <div className="tiles">
            <div className="tile">
              <span className="tile-label">
                {t('openAr')} {c.currency}
              </span>
              <span className="tile-value">{money(c.ending, c.currency)}</span>
              <span className="tile-hint">{t('overdue', { amount: money(c.overdue, c.currency) })}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{t('sales')}</span>
              <span className="tile-value">{money(c.sales, c.currency)}</span>
              <span className="tile-hint">{t('salesHint')}</span>
            </div>
            <div className="tile" data-testid="ledger-dso">
              <span className="tile-label">{t('dso')}</span>
              <span className="tile-value">{inDays(c.dso)}</span>
              {c.dso === null && <span className="tile-hint">{t('noSales')}</span>}
            </div>
            <div className="tile" data-testid="ledger-best-dso">
              <span className="tile-label">{t('bestDso')}</span>
              <span className="tile-value">{inDays(c.bestDso)}</span>
            </div>
            <div className="tile" data-testid="ledger-add">
              <span className="tile-label">{t('add')}</span>
              <span className={`tile-value${c.add !== null && Number(c.add) > 0 ? ' bad' : ''}`}>{inDays(c.add)}</span>
            </div>
            <div className="tile" data-testid="ledger-cei">
              <span className="tile-label">{t('cei')}</span>
              <span className="tile-value">{c.cei === null ? t('none') : `${days(c.cei)} %`}</span>
              <span className="tile-hint">{t('ceiHint')}</span>
            </div>
          </div>
          <div className="charts">
            <StackedColumns
              title={t('agingTitle', { currency: c.currency, date: date.day(kpis.asOf) })}
              format={fmt}
              caption={t('tableCaption')}
              xAxis={t('agingAxis')}
              yAxis={t('amountAxis')}
              totalLabel={t('amountAxis')}
              series={[{ label: t('amountAxis'), color: '#1f4fb8' }]}
              // Bars need numbers (a credit-heavy bucket below zero shows no bar); the exact amounts are in the table.
              groups={c.aging.map((a) => ({
                key: a.bucket,
                label: `${agingBucketLabel(a.bucket, lang)} (${fmt(a.count)})`,
                values: [Math.max(0, Math.round(Number(a.amount)))],
              }))}
            />
            <table className="list" data-testid={`ledger-aging-${c.currency}`}>
              <thead>
                <tr>
                  <th scope="col">{t('agingAxis')}</th>
                  <th scope="col">{t('amountAxis')}</th>
                  <th scope="col">{t('count')}</th>
                </tr>
              </thead>
              <tbody>
                {c.aging.map((a) => (
                  <tr key={a.bucket}>
                    <th scope="row">{agingBucketLabel(a.bucket, lang)}</th>
                    <td className="num">{money(a.amount, c.currency)}</td>
                    <td className="num">{fmt(a.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </>
  );
}
