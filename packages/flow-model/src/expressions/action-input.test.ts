import { describe, expect, it } from 'vitest';
import { evaluateActionInput, isFixedInput } from './action-input.ts';
import { validateFlow } from '../validate.ts';
import { sampleCatalog, sampleFlow } from '../validation/flow-fixtures.ts';

describe('action inputs: fixed values and formulas', () => {
  const vars = { customer: { name: 'Bledina', email: 'ap@bledina.example' }, amount: 3 };

  it('takes a fixed value as it is: an address, a bare word, a number, money, a list', async () => {
    expect(await evaluateActionInput({ value: 'manager@bledina.example' }, vars)).toBe('manager@bledina.example');
    expect(await evaluateActionInput({ value: 'task-reminder' }, vars)).toBe('task-reminder');
    expect(await evaluateActionInput({ value: 15000.5 }, vars)).toBe(15000.5);
    const money = { amount: '15000.00', currency: 'EUR' };
    expect(await evaluateActionInput({ value: money }, vars)).toEqual(money);
    expect(await evaluateActionInput({ value: ['a', 'b'] }, vars)).toEqual(['a', 'b']);
  });

  it('renders the {{ }} placeholders of fixed text', async () => {
    expect(await evaluateActionInput({ value: 'Dear {{ customer.name }}' }, vars)).toBe('Dear Bledina');
  });

  it('keeps a plain string a formula, as flows saved before fixed values meant it', async () => {
    expect(await evaluateActionInput('customer.email', vars)).toBe('ap@bledina.example');
    expect(await evaluateActionInput('amount + 1', vars)).toBe(4);
    expect(await evaluateActionInput('"Hello"', vars)).toBe('Hello');
    expect(isFixedInput('"Hello"')).toBe(false);
    expect(isFixedInput({ value: null })).toBe(true);
  });

  it('validates a fixed address without a formula error, and checks fixed text placeholders', () => {
    const f = sampleFlow();
    f.nodes[1].config.inputs = { id: { value: 'manager@bledina.example' } };
    expect(validateFlow(f, { catalog: sampleCatalog() })).toEqual([]);
    f.nodes[1].config.inputs = { id: { value: 'for {{ nobody }}' } };
    expect(validateFlow(f, { catalog: sampleCatalog() }).map((p) => `${p.code} ${p.path}`)).toEqual([
      'UNDEFINED_VARIABLE /nodes/1/config/inputs/id/value',
    ]);
    f.nodes[1].config.inputs = { id: 'manager@bledina.example' };
    expect(validateFlow(f, { catalog: sampleCatalog() }).map((p) => p.code)).toEqual(['EXPRESSION_INVALID']);
  });
});

describe('connections at publish', () => {
  const catalog = () => {
    const c = sampleCatalog();
    c.connectors.sap!.connection = { config: { type: 'object', required: ['baseUrl'] }, secrets: {} };
    return c;
  };
  const sap = { id: '7f1c', name: 's4hana', connector: 'sap' };

  it('refuses an action whose connector needs a connection and names none, naming the node by its label', () => {
    const f = sampleFlow();
    f.nodes[1].label = 'Fetch the invoice';
    const problems = validateFlow(f, { catalog: catalog(), connections: [sap] });
    expect(problems).toEqual([
      {
        path: '/nodes/1/config/connectionId',
        nodeId: 'fetch',
        code: 'CONNECTION_REQUIRED',
        message: 'Fetch the invoice: needs a sap connection',
      },
    ]);
  });

  it('accepts a connection named by id or name, refuses one of another connector or gone', () => {
    const f = sampleFlow();
    for (const ok of ['7f1c', 's4hana']) {
      f.nodes[1].config.connectionId = ok;
      expect(validateFlow(f, { catalog: catalog(), connections: [sap] })).toEqual([]);
    }
    f.nodes[1].config.connectionId = 'local-mail';
    const mail = { id: 'm1', name: 'local-mail', connector: 'email' };
    expect(validateFlow(f, { catalog: catalog(), connections: [mail] }).map((p) => p.message)).toEqual([
      "fetch: connection 'local-mail' is not a sap connection that exists (none is set up yet)",
    ]);
  });

  it('does not ask for a connection when the connector requires nothing, nor in drafts', () => {
    const f = sampleFlow();
    expect(validateFlow(f, { catalog: sampleCatalog(), connections: [] })).toEqual([]);
    expect(validateFlow(f, { catalog: catalog() })).toEqual([]);
  });
});
