import { describe, expect, it } from 'vitest';
import { evaluateDecision, evaluateDecisionTable, resolvePath } from './decision-eval.ts';
import type { Condition } from '../schema/rules.schema.ts';

const opts = { now: new Date('2026-07-10T13:00:00Z'), timezone: 'Europe/Paris' };
const decide = (when: Condition, facts: Record<string, unknown>) =>
  evaluateDecision({ outcomes: [{ name: 'yes', when }], defaultOutcome: 'no' }, facts, opts).then((r) => r.outcome);

describe('evaluateDecision', () => {
  it('first matching outcome wins, else default, with a JSON trace', async () => {
    const config = {
      outcomes: [
        {
          name: 'big',
          when: {
            all: [
              { fact: 'invoice', path: '$.total', operator: 'amountGt' as const, value: '10000.00' },
              { fact: 'customer', path: '$.country', operator: 'textEquals' as const, value: 'france' },
            ],
          },
        },
        { name: 'medium', when: { fact: 'invoice', path: '$.total', operator: 'amountGte' as const, value: '1000' } },
        { name: 'also', when: { fact: 'invoice', path: '$.total', operator: 'amountGte' as const, value: '1' } },
      ],
      defaultOutcome: 'small',
    };
    const r = await evaluateDecision(config, { invoice: { total: '5000.10' }, customer: { country: 'France' } }, opts);
    expect(r.outcome).toBe('medium');
    expect(r.trace).toHaveLength(2);
    expect(r.trace[0]).toEqual({
      outcome: 'big',
      result: false,
      conditions: [
        {
          at: '/all/0',
          fact: 'invoice',
          path: '$.total',
          operator: 'amountGt',
          value: '10000.00',
          factValue: '5000.10',
          result: false,
        },
        {
          at: '/all/1',
          fact: 'customer',
          path: '$.country',
          operator: 'textEquals',
          value: 'france',
          factValue: 'France',
          result: true,
        },
      ],
    });
    expect(r.trace[1]!.conditions[0]).toMatchObject({ at: '', result: true });
    expect(JSON.parse(JSON.stringify(r.trace))).toEqual(r.trace);
    expect((await evaluateDecision(config, { invoice: { total: '0' } }, opts)).outcome).toBe('small');
  });

  it('compares amounts exactly and refuses mixed currencies', async () => {
    expect(await decide({ fact: 'a', operator: 'amountEq', value: '0.3' }, { a: '0.30' })).toBe('yes');
    expect(
      await decide({ fact: 'a', operator: 'amountGt', value: '9007199254740993.01' }, { a: '9007199254740993.02' }),
    ).toBe('yes');
    expect(
      await decide(
        { fact: 'a', operator: 'amountLte', value: { amount: '10', currency: 'EUR' } },
        { a: { amount: '9.99', currency: 'EUR' } },
      ),
    ).toBe('yes');
    const r = await evaluateDecision(
      {
        outcomes: [
          { name: 'yes', when: { fact: 'a', operator: 'amountLt', value: { amount: '10', currency: 'EUR' } } },
        ],
        defaultOutcome: 'no',
      },
      { a: { amount: '1', currency: 'USD' } },
      opts,
    );
    expect(r.outcome).toBe('no');
    expect(r.trace[0]!.conditions[0]!.note).toMatch(/currency mismatch: USD vs EUR/);
    const bad = await evaluateDecision(
      { outcomes: [{ name: 'yes', when: { fact: 'a', operator: 'amountLt', value: '10' } }], defaultOutcome: 'no' },
      { a: 'abc' },
      opts,
    );
    expect(bad.trace[0]!.conditions[0]!.note).toMatch(/not a decimal/);
  });

  it('dates: instants, calendar days, olderThanDays', async () => {
    expect(
      await decide(
        { fact: 'd', operator: 'dateBefore', value: '2026-07-10T12:00:00Z' },
        { d: '2026-07-10T13:00:00+02:00' },
      ),
    ).toBe('yes');
    expect(
      await decide({ fact: 'd', operator: 'dateOnOrBefore', value: '2026-07-10' }, { d: '2026-07-10T23:30:00+02:00' }),
    ).toBe('yes');
    expect(
      await decide({ fact: 'd', operator: 'dateAfter', value: '2026-07-10' }, { d: '2026-07-10T23:30:00+02:00' }),
    ).toBe('no');
    expect(await decide({ fact: 'd', operator: 'olderThanDays', value: 30 }, { d: '2026-06-09' })).toBe('yes');
    expect(await decide({ fact: 'd', operator: 'olderThanDays', value: 30 }, { d: '2026-06-11' })).toBe('no');
    expect(await decide({ fact: 'd', operator: 'olderThanDays', value: 30 }, {})).toBe('no');
    expect(await decide({ fact: 'now', operator: 'dateOnOrAfter', value: '2026-07-10' }, {})).toBe('yes');
  });

  it('strings are case- and accent-insensitive', async () => {
    expect(
      await decide({ fact: 's', operator: 'textEquals', value: 'societe generale' }, { s: ' Société Générale ' }),
    ).toBe('yes');
    expect(await decide({ fact: 's', operator: 'textContains', value: 'GENER' }, { s: 'Société Générale' })).toBe(
      'yes',
    );
    expect(await decide({ fact: 's', operator: 'startsWith', value: 'soc' }, { s: 'Société' })).toBe('yes');
    expect(await decide({ fact: 's', operator: 'endsWith', value: 'ETE' }, { s: 'Société' })).toBe('yes');
    expect(await decide({ fact: 's', operator: 'matches', value: '^f-\\d+$' }, { s: 'F-123' })).toBe('yes');
    expect(await decide({ fact: 's', operator: 'matches', value: '(' }, { s: 'F-123' })).toBe('no');
    expect(await decide({ fact: 's', operator: 'matches', value: '^(a+)+$' }, { s: 'a'.repeat(40) + '!' })).toBe('no');
    expect(await decide({ fact: 's', operator: 'isEmpty', value: null }, { s: '  ' })).toBe('yes');
    expect(await decide({ fact: 's', operator: 'isNotEmpty', value: null }, { s: [] })).toBe('no');
  });

  it('supports any / not and the built-in operators', async () => {
    const when: Condition = {
      any: [
        { not: { fact: 'n', operator: 'lessThan', value: 5 } },
        { fact: 'tags', operator: 'contains', value: 'vip' },
      ],
    };
    expect(await decide(when, { n: 7, tags: [] })).toBe('yes');
    expect(await decide(when, { n: 1, tags: ['vip'] })).toBe('yes');
    expect(await decide(when, { n: 1, tags: [] })).toBe('no');
    expect(await decide({ fact: 'c', operator: 'in', value: ['FR', 'BE'] }, { c: 'BE' })).toBe('yes');
  });

  it('reports unusable rules with a clear error', async () => {
    await expect(decide({ fact: 'x', operator: 'nope' as never, value: 1 }, {})).rejects.toThrow(
      /Rule 'yes' could not be evaluated/,
    );
  });

  it('ignores inherited and hostile keys', async () => {
    const facts = JSON.parse('{"__proto__": {"x": 1}, "o": {"__proto__": {"y": 2}}}');
    expect(await decide({ fact: 'o', path: '$.y', operator: 'equal', value: 2 }, facts)).toBe('no');
    expect(await decide({ fact: 'toString', operator: 'isEmpty', value: null }, {})).toBe('yes');
    expect(resolvePath({ a: [{ b: 1 }] }, '$.a[0].b')).toBe(1);
    expect(resolvePath({ 'a b': 2 }, "$['a b']")).toBe(2);
    expect(resolvePath({ a: 1 }, '$..a')).toBeUndefined();
    expect(resolvePath({}, '$.constructor')).toBeUndefined();
  });
});

describe('evaluateDecisionTable', () => {
  const columns = [
    { fact: 'amount', operator: 'amountGte' as const },
    { fact: 'country', operator: 'textEquals' as const },
  ];
  const rows = [
    { cells: ['10000', null], outcome: 'cfo', priority: 1 },
    { cells: ['1000', 'fr'], outcome: 'manager', priority: 5 },
    { cells: [null, null], outcome: 'auto', priority: 0 },
  ];
  it('first', async () => {
    const r = await evaluateDecisionTable(
      { hitPolicy: 'first', columns, rows, defaultOutcome: 'none' },
      { amount: '20000', country: 'FR' },
      opts,
    );
    expect(r.outcome).toBe('cfo');
    expect(r.trace).toHaveLength(1);
    expect(r.trace[0]).toMatchObject({
      outcome: 'cfo',
      row: 0,
      result: true,
      conditions: [{ fact: 'amount', result: true }],
    });
  });
  it('priority', async () => {
    const r = await evaluateDecisionTable(
      { hitPolicy: 'priority', columns, rows, defaultOutcome: 'none' },
      { amount: '20000', country: 'FR' },
      opts,
    );
    expect(r).toMatchObject({ outcome: 'manager', outcomes: ['manager'] });
    expect(r.trace).toHaveLength(3);
  });
  it('collect', async () => {
    const r = await evaluateDecisionTable(
      { hitPolicy: 'collect', columns, rows, defaultOutcome: 'none' },
      { amount: '2000', country: 'FR' },
      opts,
    );
    expect(r).toMatchObject({ outcome: 'manager', outcomes: ['manager', 'auto'] });
  });
  it('default when nothing matches', async () => {
    const r = await evaluateDecisionTable(
      { hitPolicy: 'collect', columns, rows: rows.slice(0, 2), defaultOutcome: 'none' },
      { amount: '5' },
      opts,
    );
    expect(r).toMatchObject({ outcome: 'none', outcomes: [] });
  });
});
