import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem } from '@ledgerflow/flow-model';
import {
  bareWordHint,
  fixedKind,
  fixedText,
  inputMode,
  insertAt,
  parseFixed,
  toggleMode,
  variableToken,
} from './action-inputs.model.ts';
import { placeText, problemPlace, type NamingContext } from '../flow/problem-names.ts';
import { applyConnections, defaultConnection, templateConnectors } from '../templates/template-connections.ts';
import { TEMPLATES } from '../templates/templates.ts';

describe('action inputs: fixed value or formula', () => {
  it('shows inputs saved before fixed values existed as formulas, and new ones as fixed', () => {
    expect(inputMode("'task-reminder'")).toBe('formula');
    expect(inputMode('[customer.email]')).toBe('formula');
    expect(inputMode({ value: 'manager@bledina.example' })).toBe('fixed');
    expect(inputMode(undefined)).toBe('fixed');
  });

  it('types a fixed field by its JSON schema', () => {
    expect(fixedKind({ type: 'string' })).toBe('text');
    expect(fixedKind({ type: 'integer' })).toBe('number');
    expect(fixedKind({ type: 'string', format: 'date' })).toBe('date');
    expect(fixedKind({ type: 'array', items: { type: 'string' } })).toBe('list');
    expect(fixedKind({ anyOf: [{ const: 'fr' }, { const: 'en' }] })).toBe('enum');
    expect(fixedKind({ type: 'string', enum: ['low', 'high'] })).toBe('enum');
    expect(
      fixedKind({ type: 'object', properties: { amount: { type: 'string' }, currency: { type: 'string' } } }),
    ).toBe('money');
    expect(fixedKind({ type: 'object' })).toBe('json');
    expect(fixedKind(undefined)).toBe('text');
  });

  it('keeps what is typed literally: an address, a bare word, a list, a number', () => {
    expect(parseFixed('text', 'manager@bledina.example')).toEqual({ value: 'manager@bledina.example' });
    expect(parseFixed('text', 'task-reminder')).toEqual({ value: 'task-reminder' });
    expect(parseFixed('list', 'a@x.example, b@x.example;\nc@x.example')).toEqual({
      value: ['a@x.example', 'b@x.example', 'c@x.example'],
    });
    expect(parseFixed('number', '15 000,5')).toEqual({ value: 15000.5 });
    expect(parseFixed('number', 'abc')).toEqual({ error: 'number' });
    expect(parseFixed('number', '15.000,5', undefined, 'fr')).toEqual({ value: 15000.5 });
    expect(parseFixed('number', '15\u202f000', undefined, 'fr')).toEqual({ value: 15000 });
    expect(parseFixed('number', '15,000.5', undefined, 'fr')).toEqual({ error: 'numberAmbiguous' });
    expect(parseFixed('json', '{"a":')).toEqual({ error: 'json' });
    expect(parseFixed('text', '   ')).toEqual({});
    expect(fixedText('list', ['a', 'b'])).toBe('a, b');
  });

  it('toggles without losing what can be kept', () => {
    expect(toggleMode({ value: 'manager@bledina.example' }, 'formula')).toBe('"manager@bledina.example"');
    expect(toggleMode({ value: ['a'] }, 'formula')).toBe('["a"]');
    expect(toggleMode({ value: 'Dear {{ customer.name }}!' }, 'formula')).toBe(
      '"Dear " & $string(customer.name) & "!"',
    );
    expect(toggleMode("'task-reminder'", 'fixed')).toEqual({ value: 'task-reminder' });
    expect(toggleMode('"fr"', 'fixed')).toEqual({ value: 'fr' });
    expect(toggleMode('customer.email', 'fixed')).toBeUndefined();
  });

  it('inserts a variable at the caret: a path in a formula, {{ }} in fixed text', () => {
    expect(variableToken('formula', 'customer.email')).toBe('customer.email');
    expect(variableToken('fixed', 'customer.name')).toBe('{{ customer.name }}');
    expect(insertAt('Dear ,', 5, 5, '{{ customer.name }}')).toEqual({ text: 'Dear {{ customer.name }},', caret: 24 });
    expect(insertAt('abc', 1, 2, 'X')).toEqual({ text: 'aXc', caret: 2 });
  });

  it('warns of a bare word that names no variable instead of previewing undefined', () => {
    const vars = [{ name: 'customer' }, { name: 'amount' }];
    expect(bareWordHint('task-reminder', vars)).toBe(true);
    expect(bareWordHint('urgent', vars)).toBe(true);
    expect(bareWordHint('customer', vars)).toBe(false);
    expect(bareWordHint('"urgent"', vars)).toBe(false);
    expect(bareWordHint('true', vars)).toBe(false);
  });
});

describe('problems named as the process owner sees them', () => {
  const def = {
    schemaVersion: 1,
    name: 'Credit notes',
    nodes: [
      { id: 'start', kind: 'trigger.manual', config: {} },
      {
        id: 'n4',
        kind: 'action',
        label: 'Approve credit note',
        config: { connector: 'email', action: 'send', inputs: { to: 'manager@x' } },
      },
      { id: 'task_1', kind: 'humanTask', config: { title: '', outcomes: [{ name: 'ok' }], assignee: {} } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'n4' }],
  } as unknown as FlowDefinition;
  const ctx: NamingContext = {
    lang: 'en',
    kindLabel: (k) => (k === 'humanTask' ? 'Human task' : k),
    fieldNames: { title: 'Task title', connectionId: 'Connection' },
    catalog: {
      connectors: {
        email: {
          id: 'email',
          version: '1',
          feeds: {},
          actions: {
            send: {
              input: { type: 'object', properties: { to: { title: 'Recipient' }, template: {} } },
              output: {},
            },
          },
        },
      },
    },
  };
  const place = (p: Partial<Problem>) => problemPlace({ code: 'X', message: '', path: '/', ...p }, def, ctx);

  it('names the node by its label and the input by its title, and says which field to focus', () => {
    const p = place({ path: '/nodes/1/config/inputs/to' });
    expect(placeText(p)).toBe('Approve credit note › Recipient');
    expect(p).toMatchObject({ nodeId: 'n4', focus: 'inputs/to' });
    const missing = place({ path: '/nodes/1/config/inputs', message: "Action 'email.send' requires input 'template'" });
    expect(missing).toMatchObject({ field: 'template', focus: 'inputs/template' });
    const conn = place({ path: '/nodes/1/config/connectionId' });
    expect(placeText(conn)).toBe('Approve credit note › Connection');
    expect(conn.focus).toBe('connectionId');
  });

  it('falls back to the kind and id for an unlabelled node, and to the edge id for an edge', () => {
    const p = place({ path: '/nodes/2/config/title' });
    expect(placeText(p)).toBe('Human task (task_1) › Task title');
    expect(p.focus).toBe('config/title');
    expect(placeText(place({ path: '/nodes/2' }))).toBe('Human task (task_1)');
    expect(place({ path: '/edges/0/target' })).toEqual({ edgeId: 'e1' });
  });
});

describe('gallery templates ask for their connections', () => {
  const sap = TEMPLATES.find((t) => t.id === 'credit-note-validation-sap')!.definition;
  it('lists the connectors the template connects, defaults to the shipped name or the only one', () => {
    // The SAP extraction and billing block, and the reminder email.
    expect(templateConnectors(sap).sort((a, b) => a.connector.localeCompare(b.connector))).toEqual([
      { connector: 'email', shipped: ['local-mail'] },
      { connector: 'sap', shipped: ['s4hana'] },
    ]);
    const tc = templateConnectors(sap).find((c) => c.connector === 'sap')!;
    expect(defaultConnection(tc, [{ id: 'c1', name: 'erp', connectorId: 'sap' }])).toBe('c1');
    const two = [
      { id: 'c1', name: 'erp', connectorId: 'sap' },
      { id: 'c2', name: 's4hana', connectorId: 'sap' },
    ];
    expect(defaultConnection(tc, two)).toBe('c2');
    expect(defaultConnection(tc, [two[0]!, { id: 'c3', name: 'erp2', connectorId: 'sap' }])).toBeUndefined();
  });
  it('points every node of the connector at the choice, and drops the shipped name when none is chosen', () => {
    const chosen = applyConnections(sap, { sap: 'c9' });
    const ids = (d: FlowDefinition) =>
      d.nodes.flatMap((n) =>
        'connectionId' in n.config && (n.config as { connector?: string }).connector === 'sap'
          ? [(n.config as { connectionId?: string }).connectionId]
          : [],
      );
    expect(ids(chosen)).toEqual(['c9', 'c9']);
    expect(ids(applyConnections(sap, { sap: undefined }))).toEqual([]);
    expect(ids(sap)).toEqual(['s4hana', 's4hana']);
  });
  it('asks for the mail connection of the dunning sender and the ERP of the ledger feed', () => {
    const dunning = TEMPLATES.find((t) => t.id === 'dunning-ledger-sap')!.definition;
    expect(
      templateConnectors(dunning)
        .map((c) => c.connector)
        .sort(),
    ).toEqual(['email', 'sap']);
    const send = applyConnections(dunning, { email: 'm7', sap: 'c9' }).nodes.find((n) => n.kind === 'dunning.send')!;
    expect((send.config as { connectionId?: string }).connectionId).toBe('m7');
  });
});
