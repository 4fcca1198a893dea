// Receivables KPIs of a record-feed flow, from its cases (one per open item, kept by the extractions):
// aging of what is open, DSO and CEI over a period, per currency, with exact decimal sums.
// Amounts are the latest the feed reported (a partly paid item counts at what remains), which is what a
// collections team works from; the period's sales are the items dated in it, open or closed since.
import { localDate, NotFoundError, ValidationError } from '@ledgerflow/flow-model';
import { createReceivablesStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { VARIABLE_PATH } from './run-breakdown.service.ts';

export interface ReceivablesQuery {
  amount: string;
  total?: string;
  due: string;
  date: string;
  days: number;
  currency?: string;
}
const PATH = new RegExp(VARIABLE_PATH);
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '>90'] as const;

export async function receivables(deps: AppDeps, flowId: string, q: ReceivablesQuery) {
  for (const [name, v] of Object.entries({ amount: q.amount, total: q.total, due: q.due, date: q.date })) {
    if (v !== undefined && !PATH.test(v))
      throw new ValidationError(`${name} must name a record field, e.g. amountRemaining`, [
        { path: `/${name}`, code: 'FIELD_PATH', message: `'${v}' is not a field path` },
      ]);
  }
  const store = createReceivablesStore(deps.orm.em.fork());
  const flow = await store.flowTimezone(flowId);
  if (!flow) throw new NotFoundError('flow', flowId);
  // "Today" is the business's day: an item due today is not overdue in Paris at 00:30.
  const today = localDate(new Date(), flow.tz ?? 'Europe/Paris');
  const path = (p: string) => p.split('.');
  const rows = await store.kpis(flowId, today, q.days, {
    amount: path(q.amount),
    total: path(q.total ?? q.amount),
    due: path(q.due),
    date: path(q.date),
    currency: q.currency ?? null,
  });
  const dec = (v: string | null | undefined) => v ?? '0';
  return {
    asOf: today,
    days: q.days,
    currencies: rows.map((r) => ({
      currency: r.currency,
      open: dec(r.open),
      current: dec(r.current),
      sales: dec(r.sales),
      beginning: dec(r.beginning),
      dso: r.dso,
      cei: r.cei,
      aging: [
        [r.current, r.n0],
        [r.b1, r.n1],
        [r.b2, r.n2],
        [r.b3, r.n3],
        [r.b4, r.n4],
      ].map(([amount, count], i) => ({ bucket: AGING_BUCKETS[i]!, amount: dec(amount), count: Number(count) })),
    })),
  };
}
