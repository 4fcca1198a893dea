// Receivables KPIs from the ledger's history: a month's DSO, best possible DSO, ADD and CEI and the aging as of a day,
// per currency, and the same month by month for the dashboard's trend. Periods are civil months in the company's
// timezone; the store reads history at the end of the days this service picks (definitions in docs/kpis.md).
import { AGING_BUCKET_IDS, localDate, ValidationError } from '@ledgerflow/flow-model';
import { createLedgerKpisStore, type KpiFilter, type KpiWindow, type LedgerKpiRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

export interface LedgerKpiScope {
  company?: string;
  segment?: string;
}

/** Plain calendar arithmetic on YYYY-MM-DD (UTC as a proleptic calendar, never as an instant). */
const civil = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
/** First and last day of the month `offset` months from YYYY-MM. */
function month(ym: string, offset = 0): { period: string; first: string; last: string } {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7)) + offset;
  const first = civil(y, m, 1);
  return { period: first.slice(0, 7), first, last: civil(y, m + 1, 0) };
}
const minDate = (a: string, b: string) => (a < b ? a : b);
/** Days from a to b, both counted. */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

function figures(r: LedgerKpiRow) {
  return {
    currency: r.currency,
    beginning: r.beginning,
    ending: r.ending,
    current: r.current,
    overdue: r.overdue,
    sales: r.sales,
    dso: r.dso,
    bestDso: r.best_dso,
    add: r.add,
    cei: r.cei,
    aging: AGING_BUCKET_IDS.map((bucket, i) => ({
      bucket,
      amount: r[`a${i}` as 'a0'],
      count: Number(r[`c${i}` as 'c0']),
    })),
  };
}

async function context(deps: AppDeps, asOf: string | undefined) {
  const store = createLedgerKpisStore(deps.orm.em.fork());
  const timezone = await store.timezone();
  // "Today" is the company's day: at 00:30 in Paris on 1 November the default is 1 November.
  return { store, timezone, asOf: asOf ?? localDate(new Date(), timezone) };
}

const filter = (s: LedgerKpiScope): KpiFilter => ({ company: s.company, segment: s.segment });

/** One month's KPIs (the month of asOf unless named), ending at its last day or at asOf if that comes first. */
export async function ledgerKpis(deps: AppDeps, q: LedgerKpiScope & { asOf?: string; period?: string }) {
  const { store, timezone, asOf } = await context(deps, q.asOf);
  const m = month(q.period ?? asOf.slice(0, 7));
  if (m.first > asOf)
    throw new ValidationError(
      `The period ${m.period} starts after the as-of date ${asOf}`,
      [{ path: '/period', code: 'PERIOD_AFTER_AS_OF', message: `${m.period} starts after ${asOf}` }],
      'PERIOD_AFTER_AS_OF',
    );
  const window: KpiWindow = { start: m.first, end: minDate(m.last, asOf), aging: asOf };
  const rows = await store.kpis([window], timezone, filter(q));
  return {
    asOf,
    period: m.period,
    start: window.start,
    end: window.end,
    days: daysBetween(window.start, window.end),
    timezone,
    currencies: rows.map(figures),
  };
}

export type LedgerKpiTrendRow = ReturnType<typeof figures> & {
  period: string;
  start: string;
  end: string;
  days: number;
};

/** `months` months up to the month of asOf, oldest first; each month's aging is as of its own end. */
export async function ledgerKpiTrend(deps: AppDeps, q: LedgerKpiScope & { months: number; asOf?: string }) {
  const { store, timezone, asOf } = await context(deps, q.asOf);
  const months = Array.from({ length: q.months }, (_, i) => month(asOf.slice(0, 7), i - q.months + 1));
  const windows = months.map((m): KpiWindow => {
    const end = minDate(m.last, asOf);
    return { start: m.first, end, aging: end };
  });
  const rows = await store.kpis(windows, timezone, filter(q));
  return {
    asOf,
    timezone,
    rows: rows.map((r): LedgerKpiTrendRow => ({
      period: months[r.n]!.period,
      start: windows[r.n]!.start,
      end: windows[r.n]!.end,
      days: r.days,
      ...figures(r),
    })),
  };
}
