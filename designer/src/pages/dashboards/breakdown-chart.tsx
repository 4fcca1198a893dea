// Runs of a flow grouped by one of its variables — the root causes of disputes, the levels of dunning —
// as stacked columns (in progress / completed / failed), with exact money totals per currency, split the same way
// (and completed runs by outcome) so accounted, open and cancelled amounts are never read as one sum.
import { useMemo, useState } from 'react';
import {
  ENDED_RUN_STATUSES,
  formatMoneyOrMissing,
  OPEN_RUN_STATUSES,
  sumDecimals,
  type FlowDefinition,
} from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { StackedColumns } from './charts.tsx';
import { dashboardsApi } from './dashboards-api.ts';
import { useDashboardsT, useNumber } from './dashboards-i18n.ts';

const GROUPABLE = new Set(['string', 'boolean', 'integer', 'date']);
const OPEN: readonly string[] = OPEN_RUN_STATUSES;
const STOPPED: readonly string[] = ENDED_RUN_STATUSES.filter((s) => s !== 'completed');
type Totals = Array<{ currency: string | null; amount: string }>;

/** The totals of several statuses added per currency, exactly. */
function merge(parts: Array<Totals | undefined>): Totals {
  const by = new Map<string | null, string[]>();
  for (const t of parts) for (const x of t ?? []) by.set(x.currency, [...(by.get(x.currency) ?? []), x.amount]);
  return [...by].map(([currency, amounts]) => ({ currency, amount: sumDecimals(amounts) }));
}

/** Usual names first, so a dispute flow opens on its root causes. */
const PREFERRED = ['rootCause', 'reason', 'level', 'segment', 'status'];

export function BreakdownChart({
  flowId,
  definition,
  refreshedAt,
}: {
  flowId: string;
  definition: FlowDefinition | undefined;
  refreshedAt: number;
}) {
  const t = useDashboardsT();
  const fmt = useNumber();
  const lang = useLang((s) => s.lang);
  const { groupable, money } = useMemo(() => {
    const vars = definition?.variables ?? [];
    const names = vars.filter((v) => GROUPABLE.has(v.type)).map((v) => v.name);
    return {
      groupable: [...PREFERRED.filter((p) => names.includes(p)), ...names.filter((n) => !PREFERRED.includes(n))],
      money: vars.filter((v) => v.type === 'money' || v.type === 'decimal').map((v) => v.name),
    };
  }, [definition]);
  // Unset until the user picks: the defaults follow the flow's variables.
  const [pickedGroup, setGroupBy] = useState<string | undefined>(undefined);
  const [pickedSum, setSum] = useState<string | undefined>(undefined);
  const groupBy = pickedGroup ?? groupable[0];
  const sum = pickedSum ?? (money.includes('amount') ? 'amount' : (money[0] ?? ''));
  const data = useAsync(
    () => (groupBy ? dashboardsApi.breakdown(flowId, groupBy, sum || undefined) : Promise.resolve(null)),
    [flowId, groupBy, sum, refreshedAt],
  );
  if (groupable.length === 0 || !groupBy) return null;

  // Exact decimal strings, formatted without going through floats.
  const money$ = (amount: string, currency: string | null) => formatMoneyOrMissing(amount, currency, lang);
  const list = (x: Totals | undefined) => (x?.length ? x.map((m) => money$(m.amount, m.currency)).join(' · ') : '—');
  const b = data.data;
  const title = t('breakdown', { variable: groupBy });
  return (
    <section className="card" aria-labelledby="breakdown-title" data-testid="breakdown">
      <h3 id="breakdown-title">{title}</h3>
      <div className="row">
        <label>
          {t('groupBy')}{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)} data-testid="breakdown-group">
            {groupable.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {money.length > 0 && (
          <label>
            {t('sumOf')}{' '}
            <select value={sum} onChange={(e) => setSum(e.target.value)}>
              <option value="">{t('noneSum')}</option>
              {money.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {data.error && (
        <p role="alert" className="error">
          {data.error.message}
        </p>
      )}
      {b && b.total === 0 && <p>{t('noBreakdown')}</p>}
      {b && b.total > 0 && (
        <>
          <StackedColumns
            title={title}
            format={fmt}
            caption={t('tableCaption')}
            xAxis={groupBy}
            yAxis={t('runs')}
            totalLabel={t('total')}
            series={[
              { label: t('inProgress'), color: '#6b8fd6' },
              { label: t('done'), color: '#1e6b34' },
              { label: t('stopped'), color: '#a4161a' },
            ]}
            groups={b.groups.map((g) => ({
              key: g.key ?? '∅',
              label: g.key ?? t('noValue'),
              values: [
                OPEN.reduce((s, k) => s + (g.byStatus[k] ?? 0), 0),
                g.byStatus.completed ?? 0,
                STOPPED.reduce((s, k) => s + (g.byStatus[k] ?? 0), 0),
              ],
            }))}
          />
          {b.sum && (
            <table className="list" data-testid="breakdown-totals">
              <caption>{`${t('amountTotals')} — ${b.sum}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('value')}</th>
                  <th scope="col">{t('runs')}</th>
                  <th scope="col">{t('inProgress')}</th>
                  <th scope="col">{t('done')}</th>
                  <th scope="col">{t('stopped')}</th>
                </tr>
              </thead>
              <tbody>
                {b.groups.map((g) => (
                  <tr key={g.key ?? '∅'}>
                    <th scope="row">{g.key ?? t('noValue')}</th>
                    <td className="num">{fmt(g.runs)}</td>
                    <td className="num">{list(merge(OPEN.map((k) => g.totalsByStatus[k])))}</td>
                    <td className="num">
                      {Object.keys(g.totalsByOutcome).length > 1
                        ? Object.entries(g.totalsByOutcome)
                            .map(([outcome, x]) => `${outcome}: ${list(x)}`)
                            .join(' — ')
                        : list(g.totalsByStatus.completed)}
                    </td>
                    <td className="num">{list(merge(STOPPED.map((k) => g.totalsByStatus[k])))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
