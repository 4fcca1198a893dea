import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATORS, type HitPolicy } from '../schema/rules.schema.ts';
import { evaluateDecisionTable, type DecisionTableConfig } from './decision-eval.ts';
import { compileDecisionTable } from './decision-table-compile.ts';

// Differential test: random tables over every operator and hit policy, random facts with boundaries and gaps;
// the compiled matcher must give json-rules-engine's outcomes, matched rows, trace and errors.

const FACTS = ['amount', 'when', 'name', 'list', 'obj', 'now', 'absent'] as const;

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4 }))
  .map(([neg, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const body = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return neg ? `-${body}` : body;
  });
const date = fc
  .tuple(fc.integer({ min: 2023, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const dateTime = fc
  .tuple(date, fc.integer({ min: 0, max: 23 }), fc.constantFrom('', 'Z', '+02:00'))
  .map(([d, h, z]) => `${d}T${String(h).padStart(2, '0')}:30:00${z}`);

/** Boundaries and traps: equal amounts at other scales, currencies, date-only vs instants, accents, bad input. */
const special = fc.constantFrom<unknown>(
  '100',
  '100.00',
  '99.99',
  '100.01',
  '-0',
  '0',
  ' 5 ',
  '1e3',
  'abc',
  '',
  '   ',
  100,
  0,
  -1.5,
  30,
  '30',
  '-1',
  true,
  false,
  { amount: '100.00', currency: 'EUR' },
  { amount: '100', currency: 'USD' },
  { amount: '100' },
  { amount: 'x', currency: 'EUR' },
  '2024-03-15',
  '2024-03-14T23:30:00Z',
  '2024-03-15T00:30',
  '2024-02-30',
  'Été',
  'ete',
  'ÉTÉ ',
  'fr',
  'FR',
  '^e',
  't.$',
  '(a+)+',
  '[',
  ['fr', 'de', 100],
  [],
  {},
  { x: '100', y: ['fr'] },
  'fr,de',
  null,
);
const money = fc
  .tuple(fc.constantFrom('100', '100.00', '99.99', '-3'), fc.constantFrom('EUR', 'USD', undefined))
  .map(([amount, currency]) => (currency ? { amount, currency } : { amount }));
const factRef = fc.constantFrom<unknown>({ fact: 'amount' }, { fact: 'obj', path: '$.x' }, { fact: 'absent' });
const value = fc.oneof(
  { arbitrary: special, weight: 6 },
  { arbitrary: decimal, weight: 2 },
  { arbitrary: money, weight: 2 },
  { arbitrary: date, weight: 1 },
  { arbitrary: dateTime, weight: 1 },
);
const cell = fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: value, weight: 6 }, factRef);

const table: fc.Arbitrary<DecisionTableConfig> = fc
  .array(
    fc.record(
      {
        fact: fc.constantFrom(...FACTS),
        operator: fc.constantFrom(...OPERATORS),
        path: fc.constantFrom('$.x', '$.amount', '$.y[0]'),
      },
      { requiredKeys: ['fact', 'operator'] },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .chain((columns) =>
    fc.record({
      hitPolicy: fc.constantFrom<HitPolicy>('first', 'collect', 'priority'),
      columns: fc.constant(columns),
      rows: fc.array(
        fc.record({
          cells: fc.array(cell, { minLength: columns.length, maxLength: columns.length }),
          outcome: fc.constantFrom('a', 'b', 'c', 'd'),
          priority: fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }),
        }),
        { minLength: 0, maxLength: 8 },
      ),
      defaultOutcome: fc.constant('none'),
    }),
  );

const facts = fc.record(
  { amount: value, when: value, name: value, list: value, obj: value, now: value },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, unknown>>;

async function settle<T>(fn: () => T | Promise<T>): Promise<{ ok: T } | { error: { code: unknown; message: string } }> {
  try {
    return { ok: await fn() };
  } catch (err) {
    const e = err as { code?: unknown; message: string };
    return { error: { code: e.code, message: e.message } };
  }
}

describe('compiled decision table = json-rules-engine path', () => {
  it('same outcomes, matched rows, trace and errors for every operator and hit policy', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        facts,
        fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC'),
        async (config, f, timezone) => {
          const opts = { now: new Date('2024-03-15T12:00:00Z'), timezone };
          const engine = await settle(() => evaluateDecisionTable(config, f, opts));
          const compiled = await settle(() => compileDecisionTable(config, { timezone }).match(f, opts.now));
          if ('error' in engine) {
            expect(compiled).toEqual(engine);
            return;
          }
          expect('ok' in compiled).toBe(true);
          if (!('ok' in compiled)) return;
          const matched = engine.ok.trace.filter((t) => t.result);
          expect(compiled.ok).toEqual({
            outcome: engine.ok.outcome,
            outcomes: engine.ok.outcomes,
            rows: matched.map((t) => t.row),
            trace: matched,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
