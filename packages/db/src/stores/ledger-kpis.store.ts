import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

// Receivables KPIs over the ledger's history (the view ledger_item_states), never over today's amounts: the state of an item
// "at the end of day D" is its last history row that began before the next midnight in the company's timezone.
// Read-only; the ledger ingest is the one writer of the tables read here. Definitions: docs/kpis.md.

/** One period to compute: civil dates in the company's timezone (the SQL turns them into instants). */
export interface KpiWindow {
  /** First day of the period; beginning AR is the state at the end of the day before it. */
  start: string;
  /** Last day of the period (inclusive); ending AR, current AR and sales are read at the end of it. */
  end: string;
  /** Day the aging is as of (the end of it). */
  aging: string;
}

export interface KpiFilter {
  company?: string;
  /** The customer's segment as the ledger knows it now (segments carry no history). */
  segment?: string;
}

/** One window and currency. Amounts are exact decimals rounded half-up to two places, ratios too; null when undefined. */
export type LedgerKpiRow = {
  n: number;
  currency: string;
  days: number;
  beginning: string;
  ending: string;
  current: string;
  overdue: string;
  sales: string;
  dso: string | null;
  best_dso: string | null;
  add: string | null;
  cei: string | null;
  /** Aging amounts and counts at the aging day: not due, 1–30, 31–60, 61–90, >90 days past due. */
  a0: string;
  a1: string;
  a2: string;
  a3: string;
  a4: string;
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
};

/** Open amount and count of the open states `s` per aging bucket (`open_amount` is null for a settled state). */
const BUCKETS = [
  's.overdue <= 0',
  's.overdue between 1 and 30',
  's.overdue between 31 and 60',
  's.overdue between 61 and 90',
  's.overdue > 90',
]
  .map(
    (c, i) =>
      `coalesce(sum(s.open_amount) filter (where ${c}), 0) as a${i}, count(s.open_amount) filter (where ${c})::int as c${i}`,
  )
  .join(',\n');

// Windows are bound as arrays (one statement for a 36-month trend). Every point in time is a day's end; the points
// windows share (a month's beginning is the month before's end) are read from history once, in one pass that is
// never materialized (200,000 items, 300,000 history rows, 2 busy cores: 0.7 s for a month, 1.4–4.5 s for twelve).
const KPI_SQL = `
with w as (
  select n::int, start_date::date, end_date::date, aging_date::date, (end_date::date - start_date::date + 1) as days
    from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(n, start_date, end_date, aging_date)),
tz as (select ?::text as name),
-- A point that ends a window carries the window's first day, for its sales (windows end on distinct days).
pts as (
  select ref, (ref + 1)::timestamp at time zone (select name from tz) as at, max(sales_from) as sales_from from (
    select start_date - 1 as ref, null::date as sales_from from w
    union all select end_date, start_date from w
    union all select aging_date, null from w) d
  group by ref),
items as (
  select i.id, i.currency, i.item_type, i.document_date from ledger_items i
    left join ledger_customers c on c.company = i.company and c.customer_id = i.customer_id
   where (?::text is null or i.company = ?) and (?::text is null or c.segment = ?)),
agg as (
  select s.ref, s.currency, coalesce(sum(s.open_amount), 0) as total, count(s.open_amount) as n_open, ${BUCKETS},
         -- Sales of the window ending here: invoices and credit notes dated in it, at their amount as known now.
         sum(s.amount) filter (where s.item_type in ('invoice', 'credit_note')
                                 and s.document_date between s.sales_from and s.ref) as sales
    from (
      -- Every item's state at every point: the history row valid at that instant, and its days past due at the
      -- point's day (an item without a due date is due on its document date; without either, never overdue).
      select p.ref, p.sales_from, i.currency, i.item_type, i.document_date, h.amount,
             case when h.status = 'open' then h.open_amount end as open_amount,
             p.ref - coalesce(h.due_date, i.document_date, p.ref) as overdue
        from pts p
        join ledger_item_states h on h.valid_from < p.at and (h.valid_to is null or h.valid_to >= p.at)
        join items i on i.id = h.item_id) s
   group by s.ref, s.currency),
cur as (select distinct currency from agg),
k as (
  select w.n, w.days, c.currency, coalesce(b.total, 0) as beginning, coalesce(e.total, 0) as ending,
         coalesce(e.a0, 0) as current, coalesce(e.sales, 0) as sales,
         round(coalesce(e.total, 0) * w.days / nullif(e.sales, 0), 2) as dso_r,
         round(coalesce(e.a0, 0) * w.days / nullif(e.sales, 0), 2) as best_r,
         a.a0, a.a1, a.a2, a.a3, a.a4, a.c0, a.c1, a.c2, a.c3, a.c4
    from w cross join cur c
    left join agg b on b.ref = w.start_date - 1 and b.currency = c.currency
    left join agg e on e.ref = w.end_date and e.currency = c.currency
    left join agg a on a.ref = w.aging_date and a.currency = c.currency
   -- A currency whose items were all settled before the window and sold nothing in it has no row.
   where coalesce(b.n_open, 0) + coalesce(e.n_open, 0) + coalesce(a.n_open, 0) > 0 or e.sales is not null)
select n, currency, days, round(beginning, 2)::text as beginning, round(ending, 2)::text as ending,
       round(current, 2)::text as current, (round(ending, 2) - round(current, 2))::text as overdue,
       round(sales, 2)::text as sales,
       -- Without positive sales in the period DSO has no meaning (a credit-note-only month would turn it negative).
       case when sales > 0 then dso_r::text end as dso,
       case when sales > 0 then best_r::text end as best_dso,
       -- The difference of the two rounded figures, so the three tiles add up (see docs/kpis.md).
       case when sales > 0 then (dso_r - best_r)::text end as add,
       case when beginning + sales - current > 0
            then round((beginning + sales - ending) * 100 / (beginning + sales - current), 2)::text end as cei,
       round(coalesce(a0, 0), 2)::text as a0, round(coalesce(a1, 0), 2)::text as a1,
       round(coalesce(a2, 0), 2)::text as a2, round(coalesce(a3, 0), 2)::text as a3,
       round(coalesce(a4, 0), 2)::text as a4,
       coalesce(c0, 0) as c0, coalesce(c1, 0) as c1, coalesce(c2, 0) as c2, coalesce(c3, 0) as c3, coalesce(c4, 0) as c4
  from k order by n, currency`;

export function createLedgerKpisStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** The company's business timezone (company_settings; Europe/Paris until set). */
    async timezone(): Promise<string> {
      const [row] = await conn().execute<Array<{ timezone: string }>>('select timezone from company_settings');
      return row?.timezone ?? 'Europe/Paris';
    },
    /** KPIs of each window per currency, numbered by the window's index; `timezone` names the company's. */
    async kpis(windows: readonly KpiWindow[], timezone: string, f: KpiFilter = {}): Promise<LedgerKpiRow[]> {
      if (windows.length === 0) return [];
      const company = f.company ?? null;
      const segment = f.segment ?? null;
      const rows = await conn().execute<LedgerKpiRow[]>(KPI_SQL, [
        pgTextArray(windows.map((_, i) => String(i))),
        pgTextArray(windows.map((x) => x.start)),
        pgTextArray(windows.map((x) => x.end)),
        pgTextArray(windows.map((x) => x.aging)),
        timezone,
        company,
        company,
        segment,
        segment,
      ]);
      return rows.map((r) => ({ ...r, n: Number(r.n), days: Number(r.days) }));
    },
  };
}

export type LedgerKpisStore = ReturnType<typeof createLedgerKpisStore>;
