import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { diffFlows, diffIsEmpty, stableEqual } from './version-diff.ts';
import { TEMPLATES } from '../templates/templates.ts';

const base = TEMPLATES[0]!.definition;
const clone = (): FlowDefinition => structuredClone(base);

describe('version diff', () => {
  it('finds nothing between identical flows, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(base, Object.keys(base).reverse())) as FlowDefinition;
    expect(diffIsEmpty(diffFlows(base, clone()))).toBe(true);
    expect(stableEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(reordered).toBeDefined();
  });

  it('marks added, removed, changed and moved nodes', () => {
    const after = clone();
    after.nodes = after.nodes.filter((n) => n.id !== 'expired');
    after.edges = after.edges.filter((e) => e.target !== 'expired');
    after.nodes.push({ id: 'notify', kind: 'end', config: { status: 'notified' } });
    const approve = after.nodes.find((n) => n.id === 'approve')!;
    approve.label = 'Director approval';
    after.nodes.find((n) => n.id === 'start')!.position = { x: 50, y: 0 };
    after.edges.push({ id: 'x', source: 'log_ok', target: 'notify', sourceHandle: 'error' });
    const d = diffFlows(base, after);
    expect(d.nodes).toEqual({ notify: 'added', expired: 'removed', approve: 'changed', start: 'moved' });
    expect(d.changedFields.approve).toEqual(['label']);
    expect(d.edgesAdded).toEqual(['log_ok:error->notify']);
    expect(d.edgesRemoved).toEqual(['approve:expired->expired']);
    expect(diffIsEmpty(d)).toBe(false);
  });

  it('sees config changes deep in a rule and meta changes', () => {
    const after = clone();
    const d1 = after.nodes.find((n) => n.id === 'check_amount')!;
    if (d1.kind !== 'decision') throw new Error('fixture');
    (d1.config.outcomes[0]!.when as { all: { value: unknown }[] }).all[0]!.value = { amount: '2000', currency: 'EUR' };
    after.name = 'Renamed';
    const d = diffFlows(base, after);
    expect(d.nodes).toEqual({ check_amount: 'changed' });
    expect(d.changedFields.check_amount).toEqual(['config']);
    expect(d.metaChanged).toEqual(['name']);
  });

  it('ignores edge ids', () => {
    const after = clone();
    after.edges = after.edges.map((e, i) => ({ ...e, id: `renamed-${i}` }));
    expect(diffIsEmpty(diffFlows(base, after))).toBe(true);
  });
});
