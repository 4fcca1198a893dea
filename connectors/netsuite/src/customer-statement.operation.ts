import { Type } from '@sinclair/typebox';
import { nsAction } from './connection.ts';
import { invalidInput } from './client.ts';
import { addDecimals, negate, toDecimal } from './decimal.ts';
import { suiteqlAll } from './suiteql.ts';

const Money = Type.Object({ amount: Type.String({ pattern: '^-?\\d+(\\.\\d+)?$' }), currency: Type.String() });
const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
const DAY = 86_400_000;

const Line = Type.Object({
  id: Type.String(),
  tranId: Type.Optional(Type.String()),
  type: Type.Union([Type.Literal('invoice'), Type.Literal('creditMemo')]),
  tranDate: Type.Optional(Type.String()),
  dueDate: Type.Optional(Type.String()),
  daysOverdue: Type.Integer(),
  bucket: Type.String(),
  total: Money,
  open: Money,
});

function bucketOf(daysOverdue: number): (typeof BUCKETS)[number] {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return 'days1to30';
  if (daysOverdue <= 60) return 'days31to60';
  if (daysOverdue <= 90) return 'days61to90';
  return 'over90';
}

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
  description: 'Open invoices and credit memos of a customer with aging buckets and totals per currency (exact decimals).',
  translations: {
    fr: {
      title: 'Relevé de compte client',
      description: 'Factures et avoirs ouverts d’un client, avec balance âgée par tranche et totaux par devise (décimaux exacts).',
      fields: {
        asOf: { description: 'Date ISO ; aujourd’hui par défaut' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({ customerId: Type.String({ pattern: '^\\d+$' }), asOf: Type.Optional(Type.String({ description: 'ISO date; default today' })) }),
  output: Type.Object({
    customerId: Type.String(),
    asOf: Type.String(),
    lines: Type.Array(Line),
    totals: Type.Array(Type.Object({ currency: Type.String(), balance: Type.String(), buckets: Type.Record(Type.String(), Type.String()) })),
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
      const currency = String(r.currency ?? '');
      // Credit memos reduce the balance; NetSuite reports their amounts as positive.
      const sign = (v: unknown) => (credit ? negate(toDecimal(v).replace(/^-/, '')) : toDecimal(v));
      return {
        id: String(r.id),
        tranId: r.tranid === undefined ? undefined : String(r.tranid),
        type: credit ? ('creditMemo' as const) : ('invoice' as const),
        tranDate: toIsoDate(r.trandate),
        dueDate: due,
        daysOverdue,
        bucket: credit ? 'current' : bucketOf(daysOverdue),
        total: { amount: sign(r.foreigntotal), currency },
        open: { amount: sign(r.foreignamountremaining), currency },
      };
    });
    const byCur = new Map<string, { balance: string; buckets: Record<string, string> }>();
    for (const l of lines) {
      const t = byCur.get(l.open.currency) ?? { balance: '0', buckets: Object.fromEntries(BUCKETS.map((b) => [b, '0'])) };
      t.balance = addDecimals(t.balance, l.open.amount);
      t.buckets[l.bucket] = addDecimals(t.buckets[l.bucket] ?? '0', l.open.amount);
      byCur.set(l.open.currency, t);
    }
    return { customerId: input.customerId, asOf: new Date(asOfDay * DAY).toISOString().slice(0, 10), lines, totals: [...byCur].map(([currency, t]) => ({ currency, ...t })) };
  },
});
