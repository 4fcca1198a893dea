// Receivables KPIs of a record-feed flow, from its cases (one per open item, kept by the extractions):
// aging of what is open, DSO and CEI over a period, per currency, with exact decimal sums.
// Amounts are the latest the feed reported (a partly paid item counts at what remains), which is what a
// collections team works from; the period's sales are the items dated in it, open or closed since.
import { localDate, NotFoundError, ValidationError } from '@ledgerflow/flow-model';
import { pgTextArray } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { VARIABLE_PATH } from './run-breakdown.service.ts';
import { sqlAmount, sqlCurrency, sqlDate } from './sql-json-values.ts';

export interface ReceivablesQuery { amount: string; total?: string; due: string; date: string; days: number; currency?: string }
const PATH = new RegExp(VARIABLE_PATH);
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '>90'] as const;

type Row = {
  currency: string | null; open: string | null; current: string | null; sales: string | null; beginning: string | null;
  b1: string | null; b2: string | null; b3: string | null; b4: string | null; n0: string; n1: string; n2: string; n3: string; n4: string; dso: string | null; cei: string | null;
};

export async function receivables(deps: AppDeps, flowId: string, q: ReceivablesQuery) {
  for (const [name, v] of Object.entries({ amount: q.amount, total: q.total, due: q.due, date: q.date })) {
    if (v !== undefined && !PATH.test(v)) throw new ValidationError(`${name} must name a record field, e.g. amountRemaining`, [{ path: `/${name}`, code: 'FIELD_PATH', message: `'${v}' is not a field path` }]);
  }
  const conn = deps.orm.em.fork().getConnection();
  const [flow] = await conn.execute<Array<{ tz: string | null }>>(`select coalesce(v.definition->'settings'->>'timezone', f.draft->'settings'->>'timezone') as tz from flows f left join flow_versions v on v.flow_id = f.id and v.version = f.active_version where f.id = ?`, [flowId]);
  if (!flow) throw new NotFoundError('flow', flowId);
  // "Today" is the business's day: an item due today is not overdue in Paris at 00:30.
  const today = localDate(new Date(), flow.tz ?? 'Europe/Paris');
  const path = (p: string) => pgTextArray(p.split('.'));
  // The as-of day and the period are bound once (p) and read everywhere below.
  const rows = await conn.execute<Row[]>(
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
    [today, q.days, today, q.days, path(q.amount), path(q.total ?? q.amount), path(q.due), path(q.date), q.currency ?? null, flowId]);
  const dec = (v: string | null | undefined) => v ?? '0';
  return {
    asOf: today, days: q.days,
    currencies: rows.map((r) => ({
      currency: r.currency,
      open: dec(r.open), current: dec(r.current), sales: dec(r.sales), beginning: dec(r.beginning), dso: r.dso, cei: r.cei,
      aging: [[r.current, r.n0], [r.b1, r.n1], [r.b2, r.n2], [r.b3, r.n3], [r.b4, r.n4]].map(([amount, count], i) => ({ bucket: AGING_BUCKETS[i]!, amount: dec(amount), count: Number(count) })),
    })),
  };
}
