import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { fromFlowDefinition, type DesignerNode } from './serializer.ts';
import { createFlowStore } from './flow-store.ts';
import { flowProblems } from './problems.ts';
import {
  connectSubject,
  connectionFor,
  defaultHandle,
  filterTargets,
  handleOptions,
  outgoingEdges,
  replacedEdges,
  targetOptions,
} from './keyboard-connect.ts';

const flow: FlowDefinition = {
  schemaVersion: 1,
  name: 'Keyboard connect',
  settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
  variables: [{ name: 'amount', type: 'money', required: true }],
  nodes: [
    { id: 'start', kind: 'trigger.manual', label: 'Start', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'check',
      kind: 'decision',
      label: 'Large?',
      position: { x: 0, y: 100 },
      config: {
        outcomes: [
          {
            name: 'large',
            label: 'Large',
            when: { all: [{ fact: 'amount', operator: 'amountGt', value: { amount: '1000', currency: 'EUR' } }] },
          },
        ],
        defaultOutcome: 'small',
      },
    },
    {
      id: 'log',
      kind: 'action',
      label: 'Log it',
      position: { x: 0, y: 200 },
      config: { connector: 'builtin', action: 'log', inputs: { message: '"hi"' } },
    },
    {
      id: 'paid',
      kind: 'waitForEvent',
      label: 'Paid',
      position: { x: 200, y: 200 },
      config: { event: 'invoice.paid', timeout: { type: 'duration', iso: 'P3D' } },
    },
    { id: 'split', kind: 'parallel.split', label: 'Fan out', position: { x: 400, y: 200 }, config: {} },
    { id: 'done', kind: 'end', label: 'Échéance', position: { x: 0, y: 300 }, config: { status: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', target: 'log', sourceHandle: 'large' },
    { id: 'e3', source: 'log', target: 'done' },
    { id: 'e4', source: 'check', target: 'done', sourceHandle: 'gone' },
  ],
};

const graph = () => fromFlowDefinition(structuredClone(flow));
const node = (nodes: DesignerNode[], id: string) => nodes.find((n) => n.id === id)!;

describe('keyboard connect model', () => {
  it('offers the handles the node draws: outcomes, next/error, next/timeout', () => {
    const { nodes, edges } = graph();
    expect(handleOptions(node(nodes, 'check'), edges).map((h) => [h.id, h.targets])).toEqual([
      ['large', ['log']],
      ['small', []],
    ]);
    expect(handleOptions(node(nodes, 'log'), edges).map((h) => h.id)).toEqual(['next', 'error']);
    expect(handleOptions(node(nodes, 'paid'), edges).map((h) => h.id)).toEqual(['next', 'timeout']);
    expect(handleOptions(node(nodes, 'done'), edges)).toEqual([]);
  });

  it('proposes the first handle that is still unwired', () => {
    const { nodes, edges } = graph();
    expect(defaultHandle(handleOptions(node(nodes, 'check'), edges))).toBe('small');
    expect(defaultHandle(handleOptions(node(nodes, 'log'), edges))).toBe('error');
    expect(defaultHandle([])).toBeUndefined();
  });

  it('targets every node with an input except the source, sorted, marking existing edges of that handle', () => {
    const { nodes, edges } = graph();
    const options = targetOptions('check', 'large', nodes, edges, 'fr');
    expect(options.map((o) => o.id)).toEqual(['done', 'split', 'log', 'paid']);
    expect(options.find((o) => o.id === 'log')).toMatchObject({ connected: true, kindLabel: 'Action' });
    expect(options.find((o) => o.id === 'done')).toMatchObject({ connected: false, kindLabel: 'Fin' });
    expect(targetOptions('check', 'small', nodes, edges, 'en').some((o) => o.connected)).toBe(false);
  });

  it('filters targets by label, id or kind, ignoring case and accents', () => {
    const { nodes, edges } = graph();
    const options = targetOptions('start', 'next', nodes, edges, 'en');
    expect(filterTargets(options, 'echeance').map((o) => o.id)).toEqual(['done']);
    expect(filterTargets(options, 'LOG').map((o) => o.id)).toEqual(['log']);
    expect(filterTargets(options, 'wait for').map((o) => o.id)).toEqual(['paid']);
    expect(filterTargets(options, '  ')).toHaveLength(options.length);
  });

  it('acts on the only selected node, else on the focused one', () => {
    const { nodes } = graph();
    expect(connectSubject(nodes)).toBeNull();
    expect(connectSubject(nodes, 'log')).toBe('log');
    expect(connectSubject(nodes, 'ghost')).toBeNull();
    const one = nodes.map((n) => ({ ...n, selected: n.id === 'check' }));
    expect(connectSubject(one, 'log')).toBe('check');
    const two = nodes.map((n) => ({ ...n, selected: n.id === 'check' || n.id === 'log' }));
    expect(connectSubject(two)).toBeNull();
    expect(connectSubject(two, 'log')).toBe('log');
  });

  it('says which edge a connection replaces, and that a split replaces nothing', () => {
    const { nodes, edges } = graph();
    expect(replacedEdges(node(nodes, 'check'), 'large', 'done', edges).map((e) => e.id)).toEqual(['e2']);
    expect(replacedEdges(node(nodes, 'check'), 'large', 'log', edges)).toEqual([]);
    const split = [...edges, { id: 's1', source: 'split', target: 'log', sourceHandle: 'next', targetHandle: 'in' }];
    expect(replacedEdges(node(nodes, 'split'), 'next', 'done', split)).toEqual([]);
  });

  it('lists outgoing edges, flagging those on handles the node no longer has', () => {
    const { nodes, edges } = graph();
    expect(outgoingEdges(node(nodes, 'check'), nodes, edges)).toEqual([
      { id: 'e2', handle: 'large', target: 'log', targetLabel: 'Log it', known: true },
      { id: 'e4', handle: 'gone', target: 'done', targetLabel: 'Échéance', known: false },
    ]);
  });

  it('connects through the store exactly like a mouse drop, and validation sees it', () => {
    const s = createFlowStore();
    s.getState().load(flow, 'f1');
    const missing = (p: { code: string; nodeId?: string; message: string }) =>
      p.code === 'OUTCOME_WITHOUT_EDGE' && p.nodeId === 'check' && p.message.includes("'small'");
    expect(flowProblems(s.getState().toDefinition()).some(missing)).toBe(true);
    const before = s.getState().revision;
    s.getState().onConnect(connectionFor('check', 'small', 'done'));
    expect(s.getState().revision).toBe(before + 1);
    expect(s.getState().toDefinition().edges).toContainEqual({
      id: 'e-check-small-done',
      source: 'check',
      target: 'done',
      sourceHandle: 'small',
    });
    expect(flowProblems(s.getState().toDefinition()).some(missing)).toBe(false);
    s.getState().undo();
    expect(s.getState().edges.some((e) => e.source === 'check' && e.sourceHandle === 'small')).toBe(false);
  });
});
