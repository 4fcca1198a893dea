import { Type } from '@sinclair/typebox';
import { nsAction } from './connection.ts';
import {
  AGING_BUCKET_IDS,
  Money,
  absDecimal,
  agingBucketOf,
  emptyAging,
  negateDecimal,
  sumDecimals,
} from '@ledgerflow/flow-model';
import { invalidInput, nsMoney } from './client.ts';
import { suiteqlAll } from './suiteql.ts';

const DAY = 86_400_000;

const Line = Type.Object({
  id: Type.String(),
  tranId: Type.Optional(Type.String()),
  type: Type.Union([Type.Literal('invoice'), Type.Literal('creditMemo')]),
  tranDate: Type.Optional(Type.String()),
  dueDate: Type.Optional(Type.String()),
  daysOverdue: Type.Integer(),
  bucket: Type.Union(
    AGING_BUCKET_IDS.map((b) => Type.Literal(b)),
    { description: 'aging bucket id (flow-model AGING_BUCKETS)' },
  ),
  total: Money,
  open: Money,
});

/** NetSuite SuiteQL returns dates as M/D/YYYY by default (account preference); accept ISO too. */
function toIsoDate(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const s = String(v);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
}

export const customerStatementAction = nsAction({
  title: 'Customer statement',
  description:
    'Open invoices and credit memos of a customer with aging buckets and totals per currency (exact decimals).',
  translations: {
    fr: {
      title: 'Relevé de compte client',
      description:
        'Factures et avoirs ouverts d’un client, avec balance âgée par tranche et totaux par devise (décimaux exacts).',
      fields: {
        customerId: { title: 'Client' },
        asOf: { title: 'Arrêté au', description: 'Date ISO ; aujourd’hui par défaut' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    customerId: Type.String({ pattern: '^\\d+$' }),
    asOf: Type.Optional(Type.String({ description: 'ISO date; default today' })),
  }),
  output: Type.Object({
    customerId: Type.String(),
    asOf: Type.String(),
    lines: Type.Array(Line),
    totals: Type.Array(
      Type.Object({
        currency: Type.String(),
        balance: Type.String(),
        buckets: Type.Record(Type.String(), Type.String()),
      }),
    ),
  }),
  async run(ctx, input) {
    const asOfMs = input.asOf ? Date.parse(input.asOf) : ctx.now().getTime();
    if (Number.isNaN(asOfMs)) throw invalidInput(ctx, `asOf is not a date: ${input.asOf}`, input.customerId);
    const asOfDay = Math.floor(asOfMs / DAY);
    // customerId is digits only (schema), so interpolating it cannot inject SQL.
    const q = `SELECT t.id, t.tranid, t.type, t.trandate, t.duedate, t.foreigntotal, t.foreignamountremaining, BUILTIN.DF(t.currency) AS currency
FROM transaction t
WHERE t.entity = ${input.customerId} AND t.type IN ('CustInvc', 'CustCred') AND t.foreignamountremaining <> 0
ORDER BY t.id`;
    const { items } = await suiteqlAll(ctx, q);
    const lines = items.map((r) => {
      const credit = r.type === 'CustCred';
      const due = toIsoDate(r.duedate) ?? toIsoDate(r.trandate);
      const daysOverdue = due ? Math.max(0, asOfDay - Math.floor(Date.parse(`${due}T00:00:00Z`) / DAY)) : 0;
      // Credit memos reduce the balance; NetSuite reports their amounts as positive.
      const signed = (v: unknown, field: string) => {
        const m = nsMoney(ctx, v, r.currency, String(r.id), field);
        return credit ? { ...m, amount: negateDecimal(absDecimal(m.amount)) } : m;
      };
      return {
        id: String(r.id),
        tranId: r.tranid === undefined ? undefined : String(r.tranid),
        type: credit ? ('creditMemo' as const) : ('invoice' as const),
        tranDate: toIsoDate(r.trandate),
        dueDate: due,
        daysOverdue,
        bucket: credit ? 'current' : agingBucketOf(daysOverdue),
        total: signed(r.foreigntotal, 'foreigntotal'),
        open: signed(r.foreignamountremaining, 'foreignamountremaining'),
      };
    });
    const byCur = new Map<string, { balance: string; buckets: Record<string, string> }>();
    for (const l of lines) {
      const t = byCur.get(l.open.currency) ?? { balance: '0', buckets: emptyAging('0') as Record<string, string> };
      t.balance = sumDecimals([t.balance, l.open.amount]);
      t.buckets[l.bucket] = sumDecimals([t.buckets[l.bucket] ?? '0', l.open.amount]);
      byCur.set(l.open.currency, t);
    }
    return {
      customerId: input.customerId,
      asOf: new Date(asOfDay * DAY).toISOString().slice(0, 10),
      lines,
      totals: [...byCur].map(([currency, t]) => ({ currency, ...t })),
    };
  },
});
