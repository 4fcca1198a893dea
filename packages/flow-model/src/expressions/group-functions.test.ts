import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionError } from './expression-eval.ts';

const invoices = [
  { customer: { id: 'C1' }, customerId: 'C1', amount: { amount: '0.10', currency: 'EUR' }, open: '0.1' },
  { customer: { id: 'C2' }, customerId: 'C2', amount: { amount: '5', currency: 'EUR' }, open: '5' },
  { customer: { id: 'C1' }, customerId: 'C1', amount: { amount: '0.20', currency: 'EUR' }, open: '0.2' },
  { customer: { id: 'C3' }, customerId: 'C3', amount: { amount: '700', currency: 'JPY' }, open: 1 },
];

async function failure(expr: string, vars: Record<string, unknown>): Promise<ExpressionError> {
  const err: unknown = await evaluateExpression(expr, vars).then(
    () => new Error(`${expr} did not fail`),
    (e: unknown) => e,
  );
  if (err instanceof ExpressionError) return err;
  throw err;
}

describe('$groupBy and $sumBy', () => {
  it('groups by a field or a dotted path, in the order keys first appear', async () => {
    const groups = (await evaluateExpression("$groupBy(invoices, 'customer.id')", { invoices })) as Array<{
      key: string;
      items: unknown[];
    }>;
    expect(groups.map((g) => [g.key, g.items.length])).toEqual([
      ['C1', 2],
      ['C2', 1],
      ['C3', 1],
    ]);
    expect(groups[0]!.items).toEqual([invoices[0], invoices[2]]);
    // Results feed other jsonata: the customers owing more than 1.
    expect(
      await evaluateExpression("$sumBy(invoices, 'customerId', 'open')[$decCompare(total, 1) > 0].key", { invoices }),
    ).toEqual('C2');
  });

  it('sums per key exactly, Money staying Money per currency', async () => {
    expect(await evaluateExpression("$sumBy(invoices, 'customerId', 'open')", { invoices })).toEqual([
      { key: 'C1', total: '0.3', count: 2 },
      { key: 'C2', total: '5', count: 1 },
      { key: 'C3', total: '1', count: 1 },
    ]);
    expect(await evaluateExpression("$sumBy(invoices, 'customer.id', 'amount')", { invoices })).toEqual([
      { key: 'C1', total: { amount: '0.30', currency: 'EUR' }, count: 2 },
      { key: 'C2', total: { amount: '5', currency: 'EUR' }, count: 1 },
      { key: 'C3', total: { amount: '700', currency: 'JPY' }, count: 1 },
    ]);
    // A composite key keeps currencies apart; absent fields group under null; 1 and '1' are different keys.
    const rows = [
      { c: 'A', cur: 'EUR', a: '1' },
      { c: 'A', cur: 'USD', a: '2' },
      { c: 'A', cur: 'EUR', a: '3' },
      { a: '4' },
      { c: 1, a: '5' },
      { c: '1', a: '6' },
    ];
    expect(await evaluateExpression("$sumBy(rows, ['c', 'cur'], 'a')", { rows })).toEqual([
      { key: ['A', 'EUR'], total: '4', count: 2 },
      { key: ['A', 'USD'], total: '2', count: 1 },
      { key: [null, null], total: '4', count: 1 },
      { key: [1, null], total: '5', count: 1 },
      { key: ['1', null], total: '6', count: 1 },
    ]);
    expect(await evaluateExpression("$sumBy(none, 'c', 'a')", {})).toEqual([]);
  });

  it('refuses mixed currencies within a key, bad keys and inexact amounts, naming where', async () => {
    const mixed = await failure("$sumBy(rows, 'c', 'm')", {
      rows: [
        { c: 'A', m: { amount: '1', currency: 'EUR' } },
        { c: 'A', m: { amount: '1', currency: 'USD' } },
      ],
    });
    expect(mixed.code).toBe('EXPRESSION_ARGUMENT_INVALID');
    expect(mixed.details).toMatchObject({ function: '$sumBy', argument: 'm of key "A"', problem: 'CURRENCY_MISMATCH' });
    expect((await failure("$sumBy(rows, 'c', 'a')", { rows: [{ c: 'A', a: 0.1 }] })).details).toMatchObject({
      argument: 'array[0].a',
      problem: 'INEXACT_NUMBER',
    });
    expect((await failure("$groupBy(rows, 'c')", { rows: [{ c: 'A' }, { c: { id: 1 } }] })).details).toMatchObject({
      function: '$groupBy',
      argument: 'array[1].c',
      problem: 'INVALID_KEY',
    });
    expect((await failure('$groupBy(rows, 3)', { rows: [] })).details).toMatchObject({
      argument: 'key',
      problem: 'INVALID_KEY',
    });
    expect((await failure("$sumBy(rows, 'c')", { rows: [] })).details).toMatchObject({ argument: 'amountField' });
  });

  // Not a timed test (speed belongs in bench/): it proves the size the expression limits used to refuse now works.
  it('totals 10 000 invoices over 2 000 customers under the default expression limits', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => ({
      customerId: `C${i % 2000}`,
      amount: { amount: `${i % 97}.${String(i % 100).padStart(2, '0')}`, currency: 'EUR' },
    }));
    // Default limits: the 1 s budget and depth 200 that recursive jsonata workarounds run into.
    const totals = (await evaluateExpression("$sumBy(invoices, 'customerId', 'amount')", { invoices: big })) as Array<{
      key: string;
      total: { amount: string };
      count: number;
    }>;
    expect(totals).toHaveLength(2000);
    expect(totals.every((t) => t.count === 5)).toBe(true);
    // C0 holds invoices 0, 2000, 4000, 6000, 8000.
    const c0 = [0, 2000, 4000, 6000, 8000].map((i) => big[i]!.amount.amount);
    expect(totals[0]!.total.amount).toBe(await evaluateExpression('$decSum(xs)', { xs: c0 }));
    const groups = (await evaluateExpression("$groupBy(invoices, 'customerId')", { invoices: big })) as unknown[];
    expect(groups).toHaveLength(2000);
  });
});
