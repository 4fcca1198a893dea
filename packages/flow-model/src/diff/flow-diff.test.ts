import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../schema/flow.schema.ts';
import { sampleFlow } from '../validation/flow-fixtures.ts';
import { diffFlowDefinitions, fieldChanges } from './flow-diff.ts';

const flow = () => sampleFlow() as FlowDefinition;
const node = (f: FlowDefinition, id: string) => f.nodes.find((n) => n.id === id) as Record<string, any>;

describe('diffFlowDefinitions', () => {
  it('finds nothing between equal definitions, whatever their key order', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const a = flow();
    const d = diffFlowDefinitions(a, reverse(a) as FlowDefinition);
    expect(d.unchanged).toBe(true);
    expect(d).toMatchObject({ nodesAdded: [], nodesRemoved: [], nodesChanged: [], edgesAdded: [], flowFields: [] });
  });

  it('lists added, removed and changed nodes with each changed leaf before and after', () => {
    const a = flow();
    const b = flow();
    b.nodes = b.nodes.filter((n) => n.id !== 'wait');
    b.nodes.push({ id: 'log', kind: 'end', label: 'Logged', config: { status: 'logged' } });
    node(b, 'check').config.outcomes[0].when.all[0].value = '2500';
    node(b, 'approve').label = 'Approve the invoice';
    node(b, 'remind').config.assignments.pop();
    const d = diffFlowDefinitions(a, b);
    expect(d.unchanged).toBe(false);
    expect(d.nodesAdded).toEqual([{ id: 'log', kind: 'end', label: 'Logged' }]);
    expect(d.nodesRemoved).toEqual([{ id: 'wait', kind: 'wait' }]);
    expect(d.nodesChanged).toEqual([
      {
        id: 'check',
        kind: 'decision',
        fields: [{ path: '/config/outcomes/0/when/all/0/value', before: '1000', after: '2500' }],
      },
      {
        id: 'approve',
        kind: 'humanTask',
        label: 'Approve the invoice',
        fields: [{ path: '/label', after: 'Approve the invoice' }],
      },
      {
        id: 'remind',
        kind: 'setVariables',
        fields: [{ path: '/config/assignments/1', before: { variable: 'next', expression: 'count + 1' } }],
      },
    ]);
    expect(d.triggersChanged).toEqual([]);
  });

  it('compares edges by endpoints and handle, not by id', () => {
    const a = flow();
    const b = flow();
    b.edges = b.edges.map((e, i) => ({ ...e, id: `renamed-${i}` }));
    expect(diffFlowDefinitions(a, b).unchanged).toBe(true);
    const moved = b.edges[0]!;
    b.edges[0] = { ...moved, target: 'done', sourceHandle: 'error' };
    const d = diffFlowDefinitions(a, b);
    expect(d.edgesAdded).toEqual([{ source: 'start', target: 'done', sourceHandle: 'error' }]);
    expect(d.edgesRemoved).toEqual([{ source: 'start', target: 'fetch', sourceHandle: 'next' }]);
    expect(d.nodesChanged).toEqual([]);
  });

  it('reports settings, name and variables at their path, and trigger changes', () => {
    const a = flow();
    const b = flow();
    b.name = 'Dunning v2';
    b.settings = { timezone: 'Europe/Berlin', calendar: 'FR', currency: 'EUR' };
    b.variables.push({ name: 'amount', type: 'money' } as FlowDefinition['variables'][number]);
    b.nodes[0] = { id: 'start', kind: 'trigger.schedule', config: { cron: '0 7 * * 1-5' } };
    const d = diffFlowDefinitions(a, b);
    expect(d.flowFields).toEqual([
      { path: '/name', before: 'Dunning', after: 'Dunning v2' },
      { path: '/settings/timezone', before: 'Europe/Paris', after: 'Europe/Berlin' },
      { path: '/settings/currency', after: 'EUR' },
      { path: '/variables/1', after: { name: 'amount', type: 'money' } },
    ]);
    expect(d.triggersChanged).toEqual(['start']);
    expect(d.nodesChanged[0]!.fields).toEqual([
      { path: '/kind', before: 'trigger.manual', after: 'trigger.schedule' },
      { path: '/config/cron', after: '0 7 * * 1-5' },
    ]);
  });

  it('counts a moved node as changed at its position', () => {
    const a = flow();
    const b = flow();
    node(a, 'done').position = { x: 10, y: 20 };
    node(b, 'done').position = { x: 10, y: 80 };
    expect(diffFlowDefinitions(a, b).nodesChanged).toEqual([
      { id: 'done', kind: 'end', fields: [{ path: '/position/y', before: 20, after: 80 }] },
    ]);
  });
});

describe('fieldChanges', () => {
  it('escapes pointer segments and reports a type change as one leaf', () => {
    expect(fieldChanges({ 'a/b': { '~x': 1 } }, { 'a/b': { '~x': 2 } })).toEqual([
      { path: '/a~1b/~0x', before: 1, after: 2 },
    ]);
    expect(fieldChanges({ v: [1, 2] }, { v: { 0: 1 } })).toEqual([{ path: '/v', before: [1, 2], after: { 0: 1 } }]);
    expect(fieldChanges(1, 2)).toEqual([{ path: '/', before: 1, after: 2 }]);
    expect(fieldChanges({ a: null }, { a: null })).toEqual([]);
  });
});
