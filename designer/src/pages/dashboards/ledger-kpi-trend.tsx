// The ledger KPIs month by month: DSO per currency as best possible DSO plus days delinquent (ADD), stacked, and
// the table of every figure with its CSV/XLSX export.
import { useState } from 'react';
import { formatMoneyOrMissing } from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { StackedColumns } from './charts.tsx';
import { ledgerKpisApi, trendExportUrl, type LedgerKpiTrendRow, type LedgerScope } from './ledger-kpis-api.ts';
import { useCivilDate, useLedgerKpisT, useTwoDecimals } from './ledger-kpis-i18n.ts';

const BEST = '#1f4fb8';
const LATE = '#a4161a';

export function LedgerKpiTrendSection({ scope }: { scope: LedgerScope }) {
  const t = useLedgerKpisT();
  const date = useCivilDate();
  const days = useTwoDecimals();
  const lang = useLang((s) => s.lang);
  const [months, setMonths] = useState(12);
  const query = { ...scope, months };
  const data = useAsync(() => ledgerKpisApi.trend(query), [scope.asOf, scope.company, scope.segment, months]);
  const rows = data.data?.rows ?? [];
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const money = (amount: string, currency: string) => formatMoneyOrMissing(amount, currency, lang);
  const ratio = (v: string | null) => (v === null ? t('none') : days(v));
  // Bars need numbers; days are small and exact enough as floats for a picture (the table has the figures).
  const bar = (v: string | null) => (v === null ? 0 : Math.max(0, Number(v)));
  return (
    <section aria-labelledby="ledger-trend-title" data-testid="ledger-trend">
      <h3 id="ledger-trend-title">{t('trendTable')}</h3>
      <div className="row">
        <label>
          {t('months')}{' '}
          <input
            type="number"
            min={1}
            max={36}
            value={months}
            onChange={(e) => setMonths(Math.min(36, Math.max(1, Number(e.target.value) || 12)))}
          />
        </label>
        <p className="exports">
          <a href={trendExportUrl('csv', query)} download data-testid="ledger-export-csv">
            {t('exportCsv')}
          </a>{' '}
          <a href={trendExportUrl('xlsx', query)} download data-testid="ledger-export-xlsx">
            {t('exportXlsx')}
          </a>
        </p>
      </div>
      {data.error && (
        <p role="alert" className="error">
          {data.error.message}
        </p>
      )}
      <div className="charts">
        {currencies.map((currency) => (
          <section className="card" key={currency}>
            <StackedColumns
              title={t('trendTitle', { currency })}
              format={days}
              caption={t('tableCaption')}
              xAxis={t('trendAxis')}
              yAxis={t('daysAxis')}
              totalLabel={t('dso')}
              series={[
                { label: t('bestDso'), color: BEST },
                { label: t('add'), color: LATE },
              ]}
              groups={rows
                .filter((r) => r.currency === currency)
                .map((r: LedgerKpiTrendRow) => ({
                  key: r.period,
                  label: date.month(r.period),
                  values: [bar(r.bestDso), bar(r.add)],
                }))}
            />
          </section>
        ))}
      </div>
      {rows.length > 0 && (
        <table className="list" data-testid="ledger-trend-table">
          <thead>
            <tr>
              {(
                [
                  'month',
                  'currency',
                  'beginning',
                  'ending',
                  'current',
                  'sales',
                  'dso',
                  'bestDso',
                  'add',
                  'cei',
                ] as const
              ).map((k) => (
                <th key={k} scope="col">
                  {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.period}-${r.currency}`}>
                <th scope="row">{date.month(r.period)}</th>
                <td>{r.currency}</td>
                <td className="num">{money(r.beginning, r.currency)}</td>
                <td className="num">{money(r.ending, r.currency)}</td>
                <td className="num">{money(r.current, r.currency)}</td>
                <td className="num">{money(r.sales, r.currency)}</td>
                <td className="num">{ratio(r.dso)}</td>
                <td className="num">{ratio(r.bestDso)}</td>
                <td className="num">{ratio(r.add)}</td>
                <td className="num">{r.cei === null ? t('none') : `${days(r.cei)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
