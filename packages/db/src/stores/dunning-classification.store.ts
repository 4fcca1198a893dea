import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

/** What one classification reads over the ledger: the day, the scope and how due dates move. */
export interface ClassifyScope {
  /** The run's civil date in the flow's timezone, 'YYYY-MM-DD': an invoice is overdue when due before it. */
  asOf: string;
  /** Only this company's customers and items; null for all. */
  company: string | null;
  /** Move a due date on a weekend or holiday of the customer's calendar to its next working day. */
  shiftHolidays: boolean;
  /** The calendar of customers without one, or with one the platform does not know. */
  defaultCalendar: string;
  /** Every calendar that may be used (the default and the customers' known ones), loaded in calendar_holidays. */
  calendars: readonly string[];
  /** The days whose closed days are looked up ('YYYY-MM-DD'): the due dates' years as loaded. */
  calendarFrom: string;
  calendarTo: string;
}

/** Per customer and currency, over its open items that are not disputed. Amounts are numeric(20,4) text. */
export type DunningClassRow = {
  company: string;
  customer_id: string;
  currency: string;
  item_count: number;
  total_open: string;
  /** Overdue invoices net of the open credit notes and payments on account. */
  overdue_balance: string;
  days_overdue: number;
  oldest_due: string | null;
  oldest_document: string | null;
  name: string | null;
  segment: string | null;
  language: string | null;
  email: string | null;
  country: string | null;
  skipped: 'excluded' | 'paused' | null;
  paused_until: string | null;
  pause_reason: string | null;
  /** With `withInvoices`: the overdue invoices, unordered, as [document, document date, due, effective due, open]. */
  invoices?: OverdueInvoiceTuple[] | null;
};

export type OverdueInvoiceTuple = [string, string | null, string | null, string, string];

const WORK_MEM = '128MB';

const scopeParams = (s: ClassifyScope) => [
  s.asOf,
  s.company,
  s.shiftHolidays,
  s.defaultCalendar,
  pgTextArray(s.calendars),
  s.calendarFrom,
  s.calendarTo,
];

// The open, undisputed items with their effective due date. A due date on a closed day is looked up in `shift`,
// built once per statement for the closed days of the calendars in use (a few thousand rows), so the ledger's
// million items only take a hash join instead of a per-item search for the next working day.
const ITEMS_CTE = `p as (
  select ?::date as as_of, ?::text as company, ?::boolean as shift, ?::text as default_cal, ?::text[] as cals,
    ?::date as cal_from, ?::date as cal_to
),
cust as (
  select c.company, c.customer_id, case when c.calendar = any(p.cals) then c.calendar else p.default_cal end as cal
  from ledger_customers c cross join p
  where p.company is null or c.company = p.company
),
closed as materialized (
  select cal, g::date as day
  from p cross join unnest(p.cals) cal cross join generate_series(p.cal_from, p.cal_to, interval '1 day') g
  where p.shift and (extract(isodow from g) >= 6
    or exists (select 1 from calendar_holidays h where h.calendar = cal and h.day = g::date))
),
shift as materialized (
  select d.cal, d.day, (select min(w)::date from generate_series(d.day + 1, d.day + 40, interval '1 day') w
      where extract(isodow from w) < 6
        and not exists (select 1 from calendar_holidays h where h.calendar = d.cal and h.day = w::date)) as eff
  from closed d
),
items as (
  select i.company, i.customer_id, i.currency, i.item_type, i.open_amount, i.document, i.document_date, i.due_date,
    case when i.item_type = 'invoice' and i.open_amount > 0 then coalesce(s.eff, i.due_date) end as eff_due
  from p cross join ledger_items i
  left join cust c on c.company = i.company and c.customer_id = i.customer_id
  left join shift s on s.cal = coalesce(c.cal, p.default_cal) and s.day = i.due_date
  where i.status = 'open' and i.open_amount <> 0 and not i.disputed and (p.company is null or i.company = p.company)
)`;

/**
 * Set-based dunning classification over ledger_items and ledger_customers (read only). One statement classifies the
 * whole ledger; levels are decided by the caller's decision table over these rows.
 */
export function createDunningClassificationStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /**
     * Every customer and currency with open undisputed items, excluded and paused ones marked `skipped`; with
     * `withInvoices` also each one's overdue invoices (for penalties), from the same pass over the ledger.
     */
    async classify(scope: ClassifyScope, opts: { withInvoices?: boolean } = {}): Promise<DunningClassRow[]> {
      const invoices = opts.withInvoices
        ? `, json_agg(json_build_array(document, document_date, due_date, eff_due, open_amount::text))
             filter (where eff_due < (select as_of from p)) as invoices`
        : '';
      const sql = `with ${ITEMS_CTE},
agg as (
  select company, customer_id, currency, count(*)::int as item_count, sum(open_amount) as total_open,
    coalesce(sum(open_amount) filter (where eff_due < (select as_of from p)), 0)
      + coalesce(sum(open_amount) filter (where item_type <> 'invoice'), 0) as overdue_balance,
    min(array[eff_due::text, document]) filter (where eff_due < (select as_of from p)) as oldest${invoices}
  from items group by company, customer_id, currency
)
select a.company, a.customer_id, a.currency, a.item_count, a.total_open::text, a.overdue_balance::text,
  coalesce(p.as_of - a.oldest[1]::date, 0) as days_overdue, a.oldest[1] as oldest_due, a.oldest[2] as oldest_document,
  c.name, c.segment, c.language, c.email, c.country,
  case when c.excluded then 'excluded' when c.paused_until >= p.as_of then 'paused' end as skipped,
  c.paused_until::text, c.pause_reason${opts.withInvoices ? ', a.invoices' : ''}
from agg a cross join p
left join ledger_customers c on c.company = a.company and c.customer_id = a.customer_id
order by a.company, a.customer_id, a.currency`;
      // The grouping of a million items fits in memory with more than the default 4 MB: without it Postgres sorts
      // them on disk first. Local to this transaction.
      return em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        const ctx = tx.getTransactionContext();
        await c.execute(`set local work_mem = '${WORK_MEM}'`, [], 'run', ctx);
        return c.execute<DunningClassRow[]>(sql, scopeParams(scope), 'all', ctx);
      });
    },

    /** The calendars customers name (known or not: the caller checks them). */
    async customerCalendars(company: string | null): Promise<string[]> {
      const rows = await conn().execute<Array<{ calendar: string }>>(
        `select distinct calendar from ledger_customers where calendar is not null and (?::text is null or company = ?)`,
        [company, company],
      );
      return rows.map((r) => r.calendar);
    },

    /** The years of the open invoices' due dates, to load their holidays. */
    async dueYears(company: string | null): Promise<{ from: number | null; to: number | null }> {
      const [row] = await conn().execute<Array<{ from: number | null; to: number | null }>>(
        `select extract(year from min(due_date))::int as "from", extract(year from max(due_date))::int as "to"
         from ledger_items where status = 'open' and item_type = 'invoice' and (?::text is null or company = ?)`,
        [company, company],
      );
      return row ?? { from: null, to: null };
    },
  };
}
export type DunningClassificationStore = ReturnType<typeof createDunningClassificationStore>;
