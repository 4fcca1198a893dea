import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDefinition } from '@ledgerflow/flow-model';
import { emptyFlow, fromFlowDefinition, toFlowDefinition } from './serializer.ts';
import { KIND_ENTRIES, outputHandles } from '../node-kinds/registry.ts';
import { TEMPLATES } from '../templates/templates.ts';

const sample: FlowDefinition = {
  schemaVersion: 1,
  name: 'Credit note check',
  settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
  variables: [{ name: 'amount', type: 'money', required: true }],
  nodes: [
    { id: 'start', kind: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'd1',
      kind: 'decision',
      label: 'Large?',
      position: { x: 10, y: 120 },
      config: {
        outcomes: [
          {
            name: 'large',
            when: { all: [{ fact: 'amount', operator: 'amountGt', value: { amount: '1000', currency: 'EUR' } }] },
          },
        ],
        defaultOutcome: 'small',
      },
    },
    { id: 'end', kind: 'end', position: { x: 0, y: 300 }, config: { status: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'd1' },
    { id: 'e2', source: 'd1', target: 'end', sourceHandle: 'large' },
    { id: 'e3', source: 'd1', target: 'end', sourceHandle: 'small' },
  ],
};

describe('serializer', () => {
  it('round-trips a flow definition unchanged', () => {
    const g = fromFlowDefinition(sample);
    expect(g.needsLayout).toBe(false);
    expect(toFlowDefinition(g.nodes, g.edges, g.meta)).toEqual(sample);
  });

  it('maps absent sourceHandle to the next handle and back', () => {
    const g = fromFlowDefinition(sample);
    expect(g.edges[0]!.sourceHandle).toBe('next');
    expect(toFlowDefinition(g.nodes, g.edges, g.meta).edges[0]).not.toHaveProperty('sourceHandle');
  });

  it('places nodes without position and asks for a layout', () => {
    const def = { ...sample, nodes: sample.nodes.map(({ position: _p, ...n }) => n) } as FlowDefinition;
    const g = fromFlowDefinition(def);
    expect(g.needsLayout).toBe(true);
    expect(new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(3);
  });

  it('rounds dragged positions', () => {
    const g = fromFlowDefinition(sample);
    g.nodes[0]!.position = { x: 10.4, y: 20.6 };
    expect(toFlowDefinition(g.nodes, g.edges, g.meta).nodes[0]!.position).toEqual({ x: 10, y: 21 });
  });

  it('every kind default passes the structural schema', () => {
    for (const info of KIND_ENTRIES) {
      const def: FlowDefinition = {
        ...emptyFlow('x'),
        nodes: [{ id: 'n', kind: info.kind, config: info.defaults() } as FlowDefinition['nodes'][number]],
        edges: [],
      };
      const structural = validateFlow(def).filter((p) => p.code === 'SCHEMA');
      expect(structural, info.kind).toEqual([]);
    }
  });

  it('offers outcome and reserved handles', () => {
    expect(outputHandles(sample.nodes[1]!).map((h) => h.id)).toEqual(['large', 'small']);
    expect(
      outputHandles({ id: 'a', kind: 'action', config: { connector: 'c', action: 'a', inputs: {} } }).map((h) => h.id),
    ).toEqual(['next', 'error']);
    expect(outputHandles({ id: 'e', kind: 'end', config: { status: 'completed' } })).toEqual([]);
  });

  it('templates round-trip and pass the full validator against the builtin connector', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(3);
    const catalog = {
      connectors: {
        builtin: {
          id: 'builtin',
          version: '0.1.0',
          feeds: {},
          actions: {
            log: {
              input: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
              output: { type: 'object' },
            },
          },
        },
      },
    };
    for (const t of TEMPLATES) {
      // Templates on other connectors are checked against the live catalog in test/templates.test.ts.
      const onlyBuiltin = t.definition.nodes.every(
        (n) => !('connector' in n.config) || n.config.connector === 'builtin',
      );
      expect(validateFlow(t.definition, onlyBuiltin ? { catalog } : {}), t.id).toEqual([]);
      const g = fromFlowDefinition(t.definition);
      expect(toFlowDefinition(g.nodes, g.edges, g.meta)).toEqual(t.definition);
    }
  });
});
