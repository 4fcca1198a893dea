import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFlow, variablesAt } from '../validate.ts';
import { NODE_KINDS } from '../schema/node.schema.ts';
import { canonicalJson } from './canonical-json.ts';
import { sampleCatalog, sampleFlow } from './flow-fixtures.ts';

function expectWellFormed(problems: unknown): void {
  expect(Array.isArray(problems)).toBe(true);
  for (const p of problems as Array<Record<string, unknown>>) {
    expect(typeof p.path).toBe('string');
    expect((p.path as string).startsWith('/')).toBe(true);
    expect(p.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(typeof p.message).toBe('string');
  }
}

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__', 'constructor', 'x/y');
const condition = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small' },
    fc.record({
      fact: fc.constantFrom('customerId', 'invoice', 'ghost', '__proto__'),
      operator: fc.constantFrom('equal', 'amountGt', 'bogus'),
      value: fc.jsonValue(),
    }),
    fc.record({ all: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
  ),
})).cond;

const validishNode = fc.record({
  id: ids,
  kind: fc.constantFrom(...NODE_KINDS, 'bogus'),
  config: fc.oneof(
    fc.constant({}),
    fc.record({ outcomes: fc.array(fc.record({ name: ids, when: condition }), { maxLength: 3 }), defaultOutcome: ids }),
    fc.record({
      connector: fc.constantFrom('sap', 'nope', '__proto__'),
      action: fc.constantFrom('getInvoice', 'x'),
      inputs: fc.dictionary(fc.string(), fc.string()),
    }),
    fc.record({
      assignments: fc.array(
        fc.record({
          variable: ids,
          expression: fc.oneof(fc.string(), fc.constantFrom('a + ', 'invoice.total', '$now()')),
        }),
      ),
    }),
    fc.record({
      until: fc.oneof(
        fc.jsonValue(),
        fc.record({
          type: fc.constantFrom('calendar', 'date', 'duration'),
          rule: fc.jsonValue(),
          expression: fc.string(),
        }),
      ),
    }),
    fc.jsonValue(),
  ),
});

const validishFlow = fc.record({
  schemaVersion: fc.constantFrom(1, 2),
  name: fc.string(),
  variables: fc.array(fc.record({ name: ids, type: fc.constantFrom('string', 'money', 'weird') })),
  nodes: fc.array(validishNode, { maxLength: 12 }),
  edges: fc.array(
    fc.record({
      id: ids,
      source: ids,
      target: ids,
      sourceHandle: fc.option(fc.constantFrom('next', 'error', 'a', 'timeout'), { nil: undefined }),
    }),
    { maxLength: 20 },
  ),
});

describe('validateFlow on random input', () => {
  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expectWellFormed(validateFlow(v, { catalog: sampleCatalog() }));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on valid-ish random graphs, and variablesAt never throws', () => {
    fc.assert(
      fc.property(validishFlow, (f) => {
        const problems = validateFlow(f, { catalog: sampleCatalog() });
        expectWellFormed(problems);
        expect(problems.every((p) => p.code !== 'VALIDATOR_ERROR')).toBe(true);
        expect(Array.isArray(variablesAt(f, 'a'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('mutating one field of a valid flow never throws', () => {
    fc.assert(
      fc.property(fc.nat(7), fc.constantFrom('id', 'kind', 'config', 'label'), fc.jsonValue(), (i, key, value) => {
        const f = sampleFlow();
        f.nodes[i][key] = value;
        const problems = validateFlow(f, { catalog: sampleCatalog() });
        expectWellFormed(problems);
        expect(problems.every((p) => p.code !== 'VALIDATOR_ERROR')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile input', () => {
  it('100k nodes and edges: bounded time, size problem reported', () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => ({
      id: `n${i}`,
      kind: 'end',
      config: { status: 'completed' },
    }));
    const edges = Array.from({ length: 100_000 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` }));
    const t = Date.now();
    const problems = validateFlow({ ...sampleFlow(), nodes, edges });
    expect(Date.now() - t).toBeLessThan(5000);
    expect(problems).toContainEqual(expect.objectContaining({ path: '/nodes', code: 'SCHEMA' }));
    expectWellFormed(problems);
  });

  it('5000-node chain validates quickly', () => {
    const nodes: Array<Record<string, unknown>> = [{ id: 'start', kind: 'trigger.manual', config: {} }];
    const edges: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 4998; i++) {
      nodes.push({
        id: `s${i}`,
        kind: 'setVariables',
        config: { assignments: [{ variable: `v${i % 50}`, expression: i ? `v${(i - 1) % 50} + 1` : '1' }] },
      });
      edges.push({ id: `e${i}`, source: i ? `s${i - 1}` : 'start', target: `s${i}` });
    }
    nodes.push({ id: 'end', kind: 'end', config: { status: 'completed' } });
    edges.push({ id: 'last', source: 's4997', target: 'end' });
    const t = Date.now();
    expect(validateFlow({ schemaVersion: 1, name: 'big', variables: [], nodes, edges })).toEqual([]);
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it('deep nesting and __proto__ keys', () => {
    let deep: unknown = { fact: 'customerId', operator: 'equal', value: 1 };
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const f = sampleFlow();
    f.nodes[2].config.outcomes[0].when = deep;
    const problems = validateFlow(f);
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'SCHEMA', path: '/nodes/2', message: expect.stringMatching(/nested/) }),
    );
    const evil = JSON.parse(
      '{"schemaVersion":1,"name":"x","variables":[],"__proto__":{"nodes":[1]},"nodes":[{"id":"__proto__","kind":"trigger.manual","config":{"__proto__":{"x":1}}}],"edges":[{"id":"__proto__","source":"__proto__","target":"constructor"}]}',
    );
    const ep = validateFlow(evil, { catalog: sampleCatalog() });
    expectWellFormed(ep);
    expect(ep).toContainEqual(expect.objectContaining({ code: 'DANGLING_EDGE', path: '/edges/0/target' }));
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and follows JSON.stringify value rules', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, NaN, new Date(0)])).toBe('[null,null,"1970-01-01T00:00:00.000Z"]');
    expect(canonicalJson(undefined)).toBe('null');
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => canonicalJson(cyc)).toThrow(/cycle/);
  });
  it('is stable under key order and equals JSON.parse round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = canonicalJson(v);
        expect(canonicalJson(JSON.parse(s))).toBe(s);
        expect(JSON.parse(s)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});
