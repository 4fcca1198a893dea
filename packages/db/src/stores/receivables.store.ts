import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';
import { sqlAmount, sqlCurrency, sqlDate } from '../sql-json-values.ts';

// Receivables of a record-feed flow are read from its cases (one per open item, written by the cases store's
// owner, the feed) and its settings: this store only reads.

/** Sums and counts of one currency, as Postgres text (exact decimals). b1..b4 and n1..n4 are the overdue buckets. */
export type ReceivablesRow = {
  currency: string | null;
  open: string | null;
  current: string | null;
  sales: string | null;
  beginning: string | null;
  b1: string | null;
  b2: string | null;
  b3: string | null;
  b4: string | null;
  n0: string;
  n1: string;
  n2: string;
  n3: string;
  n4: string;
  dso: string | null;
  cei: string | null;
};

/** Where in a case's record the figures are: field paths, e.g. ['amountRemaining']. */
export interface ReceivablesFields {
  amount: string[];
  total: string[];
  due: string[];
  date: string[];
  currency: string | null;
}

export function createReceivablesStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** The flow's business time zone (active version, else draft); undefined when there is no such flow. */
    async flowTimezone(flowId: string): Promise<{ tz: string | null } | undefined> {
      const [flow] = await conn().execute<Array<{ tz: string | null }>>(
        `select coalesce(v.definition->'settings'->>'timezone', f.draft->'settings'->>'timezone') as tz from flows f left join flow_versions v on v.flow_id = f.id and v.version = f.active_version where f.id = ?`,
        [flowId],
      );
      return flow;
    },
    /** Aging of what is open at `today`, and DSO and CEI over the `days` before it, per currency. The as-of day and the period are bound once (p) and read everywhere below. */
    async kpis(flowId: string, today: string, days: number, f: ReceivablesFields): Promise<ReceivablesRow[]> {
      return conn().execute<ReceivablesRow[]>(
        `with p as (select ?::date as today, ?::int as days, (?::date - ?::int) as start),
         -- Fields are extracted once: the fragments below name a column several times.
         r as (
           select c.status, c.closed_at, c.record #> ?::text[] as am, c.record #> ?::text[] as tot, c.record #>> ?::text[] as due_s, c.record #>> ?::text[] as doc_s, ?::text as fallback
             from cases c where c.flow_id = ?),
         v as (
           select status, closed_at, ${sqlCurrency('am', 'fallback')} as currency, ${sqlAmount('am')} as amt, ${sqlAmount('tot')} as total, ${sqlDate('due_s')} as due, ${sqlDate('doc_s')} as doc
             from r),
         s as (
           select currency,
                  sum(amt) filter (where status = 'open') as open,
                  sum(amt) filter (where status = 'open' and (due is null or due >= today)) as current,
                  sum(amt) filter (where status = 'open' and due < today and due >= today - 30) as b1,
                  sum(amt) filter (where status = 'open' and due < today - 30 and due >= today - 60) as b2,
                  sum(amt) filter (where status = 'open' and due < today - 60 and due >= today - 90) as b3,
                  sum(amt) filter (where status = 'open' and due < today - 90) as b4,
                  count(*) filter (where status = 'open' and (due is null or due >= today)) as n0,
                  count(*) filter (where status = 'open' and due < today and due >= today - 30) as n1,
                  count(*) filter (where status = 'open' and due < today - 30 and due >= today - 60) as n2,
                  count(*) filter (where status = 'open' and due < today - 60 and due >= today - 90) as n3,
                  count(*) filter (where status = 'open' and due < today - 90) as n4,
                  sum(coalesce(total, amt)) filter (where doc > start and doc <= today) as sales,
                  sum(amt) filter (where doc <= start and (status = 'open' or closed_at > start::timestamptz)) as beginning
             from v cross join p where amt is not null group by currency)
         select currency, open::text, current::text, sales::text, beginning::text, b1::text, b2::text, b3::text, b4::text, n0, n1, n2, n3, n4,
                case when sales > 0 then round(coalesce(open, 0) / sales * (select days from p), 1)::text end as dso,
                case when coalesce(beginning, 0) + coalesce(sales, 0) - coalesce(current, 0) > 0
                     then round((coalesce(beginning, 0) + coalesce(sales, 0) - coalesce(open, 0)) / (coalesce(beginning, 0) + coalesce(sales, 0) - coalesce(current, 0)) * 100, 1)::text end as cei
           from s order by currency`,
        [
          today,
          days,
          today,
          days,
          pgTextArray(f.amount),
          pgTextArray(f.total),
          pgTextArray(f.due),
          pgTextArray(f.date),
          f.currency,
          flowId,
        ],
      );
    },
  };
}

export type ReceivablesStore = ReturnType<typeof createReceivablesStore>;
