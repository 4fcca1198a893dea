import { describe, expect, it } from 'vitest';
import { assertValidFlow, structuralProblems, validateFlow, variablesAt } from '../validate.ts';
import { FlowInvalidError } from '../errors.ts';
import { sampleCatalog, sampleFlow } from './flow-fixtures.ts';

const node = (f: Record<string, any>, id: string) => f.nodes.find((n: { id: string }) => n.id === id);
const codes = (f: unknown, catalog = sampleCatalog()) => validateFlow(f, { catalog }).map((p) => `${p.code} ${p.path}`);

describe('validateFlow', () => {
  it('accepts the sample flow', () => {
    expect(validateFlow(sampleFlow(), { catalog: sampleCatalog() })).toEqual([]);
    expect(() => assertValidFlow(sampleFlow())).not.toThrow();
  });

  it('SCHEMA: precise paths inside discriminated unions and recursive conditions', () => {
    const f = sampleFlow();
    node(f, 'check').config.outcomes[0].when.all[1] = { fact: 'customerId', operator: 'nope' };
    node(f, 'wait').config.until = {
      type: 'calendar',
      rule: { type: 'ifDayOfMonthAfter', day: 3, then: { type: 'workingDays' }, else: { type: 'zzz' } },
    };
    expect(codes(f)).toEqual([
      'SCHEMA /nodes/2/config/outcomes/0/when/all/1/operator',
      'SCHEMA /nodes/4/config/until/rule/then/days',
      'SCHEMA /nodes/4/config/until/rule/else/type',
    ]);
    const p = validateFlow(f)[0]!;
    expect(p).toMatchObject({ nodeId: 'check' });
    expect(p.message).not.toMatch(/union/);
    expect(() => assertValidFlow(f)).toThrow(FlowInvalidError);
  });

  it('SCHEMA: missing required config, bad top level, non-object input', () => {
    const f = sampleFlow();
    delete node(f, 'fetch').config.action;
    f.name = '';
    expect(codes(f)).toEqual(expect.arrayContaining(['SCHEMA /name', 'SCHEMA /nodes/1/config/action']));
    expect(validateFlow(null)).toEqual([{ path: '/', code: 'SCHEMA', message: 'A flow must be a JSON object' }]);
    expect(validateFlow([])[0]!.code).toBe('SCHEMA');
    expect(structuralProblems({ ...sampleFlow(), edges: 'x' })[0]!.path).toBe('/edges');
  });

  it('UNKNOWN_KIND', () => {
    const f = sampleFlow();
    f.nodes.push({ id: 'x', kind: 'teleport', config: {} });
    expect(validateFlow(f)).toContainEqual(
      expect.objectContaining({ code: 'UNKNOWN_KIND', path: '/nodes/8/kind', nodeId: 'x' }),
    );
  });

  it('NO_TRIGGER and MULTIPLE_TRIGGERS', () => {
    const f = sampleFlow();
    f.nodes[0].kind = 'end';
    f.nodes[0].config = { status: 'completed' };
    expect(codes(f)).toContain('NO_TRIGGER /nodes');
    const g = sampleFlow();
    g.nodes.push({ id: 'start2', kind: 'trigger.webhook', config: {} });
    g.edges.push({ id: 'e9', source: 'start2', target: 'fetch' });
    expect(codes(g)).toContain('MULTIPLE_TRIGGERS /nodes/8/kind');
  });

  it('DUPLICATE_ID for nodes and edges', () => {
    const f = sampleFlow();
    f.nodes.push({ id: 'done', kind: 'end', config: { status: 'completed' } });
    f.edges.push({ ...f.edges[0], id: 'e1' });
    expect(codes(f)).toEqual(expect.arrayContaining(['DUPLICATE_ID /nodes/8/id', 'DUPLICATE_ID /edges/9/id']));
  });

  it('DANGLING_EDGE', () => {
    const f = sampleFlow();
    f.edges.push({ id: 'e9', source: 'ghost', target: 'done' });
    expect(validateFlow(f)).toContainEqual(
      expect.objectContaining({ code: 'DANGLING_EDGE', path: '/edges/9/source', edgeId: 'e9' }),
    );
  });

  it('UNREACHABLE', () => {
    const f = sampleFlow();
    f.nodes.push({ id: 'island', kind: 'end', config: { status: 'completed' } });
    expect(codes(f)).toEqual(['UNREACHABLE /nodes/8']);
  });

  it('CYCLE_WITHOUT_WAIT, but loops through a wait are fine', () => {
    const f = sampleFlow();
    f.edges.find((e: { id: string }) => e.id === 'e7').source = 'check';
    f.edges.find((e: { id: string }) => e.id === 'e7').sourceHandle = 'small';
    f.edges = f.edges.filter((e: { id: string }) => e.id !== 'e4');
    // check -small-> remind -> check: no waiting node in the loop
    expect(codes(f)).toEqual(expect.arrayContaining(['CYCLE_WITHOUT_WAIT /nodes/2']));
    const self = sampleFlow();
    self.edges.push({ id: 'loop', source: 'remind', target: 'remind' });
    expect(codes(self)).toContain('CYCLE_WITHOUT_WAIT /nodes/5');
  });

  it('INVALID_HANDLE, OUTCOME_WITHOUT_EDGE, NO_OUTGOING_EDGE', () => {
    const f = sampleFlow();
    f.edges.find((e: { id: string }) => e.id === 'e4').sourceHandle = 'medium';
    f.edges.push({ id: 'e9', source: 'fetch', target: 'done', sourceHandle: 'timeout' });
    f.edges.push({ id: 'e10', source: 'done', target: 'failed' });
    f.edges = f.edges.filter((e: { id: string }) => e.id !== 'e8');
    expect(codes(f)).toEqual(
      expect.arrayContaining([
        'INVALID_HANDLE /edges/4/sourceHandle',
        'INVALID_HANDLE /edges/8/sourceHandle',
        'INVALID_HANDLE /edges/9/sourceHandle',
        'OUTCOME_WITHOUT_EDGE /nodes/2/config/defaultOutcome',
        'NO_OUTGOING_EDGE /nodes/5',
      ]),
    );
    const g = sampleFlow();
    g.edges = g.edges.filter((e: { id: string }) => e.id !== 'e6');
    expect(codes(g)).toEqual(['OUTCOME_WITHOUT_EDGE /nodes/3/config/outcomes/1/name']);
  });

  it('UNKNOWN_CONNECTOR, UNKNOWN_ACTION, UNKNOWN_FEED, MISSING_INPUT, UNKNOWN_INPUT', () => {
    const f = sampleFlow();
    node(f, 'fetch').config.inputs = { other: 'customerId' };
    expect(codes(f)).toEqual(['MISSING_INPUT /nodes/1/config/inputs', 'UNKNOWN_INPUT /nodes/1/config/inputs/other']);
    node(f, 'fetch').config.action = 'deleteAll';
    expect(codes(f)).toEqual(['UNKNOWN_ACTION /nodes/1/config/action']);
    node(f, 'fetch').config.connector = '__proto__';
    expect(codes(f)).toEqual(['UNKNOWN_CONNECTOR /nodes/1/config/connector']);
    expect(validateFlow(f)).toEqual([]); // no catalog, no connector checks
    const g = sampleFlow();
    g.nodes[0] = {
      id: 'start',
      kind: 'trigger.recordFeed',
      config: {
        connector: 'sap',
        feed: 'closedInvoices',
        cron: '0 7 * * 1-5',
        businessKey: 'record.id',
        onClosed: 'ignore',
      },
    };
    expect(codes(g)).toEqual(['UNKNOWN_FEED /nodes/0/config/feed']);
  });

  it('an input the action defaults (an email’s data) need not be given', () => {
    const catalog = sampleCatalog();
    const input = catalog.connectors.sap!.actions.getInvoice!.input as { properties: Record<string, unknown> };
    input.properties.id = { type: 'string', default: 'x' };
    const f = sampleFlow();
    node(f, 'fetch').config.inputs = {};
    expect(codes(f, catalog)).toEqual([]);
    expect(codes(f)).toEqual(['MISSING_INPUT /nodes/1/config/inputs']);
  });

  it('UNDEFINED_VARIABLE: facts and expressions, with must-be-defined-on-every-path semantics', () => {
    const f = sampleFlow();
    // `next` is only defined inside the loop, not on the first pass through check.
    node(f, 'check').config.outcomes[0].when.all[1].fact = 'next';
    node(f, 'approve').config.title = 'Approve {{ invoice.number }} of {{ customer.name }}';
    expect(validateFlow(f)).toEqual([
      expect.objectContaining({
        code: 'UNDEFINED_VARIABLE',
        path: '/nodes/2/config/outcomes/0/when/all/1/fact',
        nodeId: 'check',
      }),
      expect.objectContaining({
        code: 'UNDEFINED_VARIABLE',
        path: '/nodes/3/config/title',
        message: expect.stringContaining("'customer'"),
      }),
    ]);
    const g = sampleFlow();
    // the action's output is not defined on its error edge
    g.edges.find((e: { id: string }) => e.id === 'e2e').target = 'remind';
    node(g, 'remind').config.assignments[0].expression = 'invoice.total';
    // ...and since remind loops back to check, `invoice` is no longer certain at check and approve either.
    expect(codes(g)).toEqual([
      'UNDEFINED_VARIABLE /nodes/2/config/outcomes/0/when/all/0/fact',
      'UNDEFINED_VARIABLE /nodes/3/config/title',
      'UNDEFINED_VARIABLE /nodes/5/config/assignments/0/expression',
    ]);
  });

  it('UNKNOWN_FIELD: an outcome requires only fields of its form', () => {
    const f = sampleFlow();
    node(f, 'approve').config.form = { schema: { type: 'object', properties: { reason: { type: 'string' } } } };
    node(f, 'approve').config.outcomes[0].requires = ['reason'];
    expect(codes(f)).toEqual([]);
    node(f, 'approve').config.outcomes[0].requires = ['reason', 'reasn'];
    expect(validateFlow(f)).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FIELD',
        path: '/nodes/3/config/outcomes/0/requires/1',
        message: expect.stringContaining('(fields: reason)'),
      }),
    ]);
  });

  it('checks an assignee taken from the case like any template', () => {
    const f = sampleFlow();
    node(f, 'approve').config.assignee = { type: 'user', value: '{{ invoice.owner }}' };
    expect(codes(f)).toEqual([]);
    node(f, 'approve').config.assignee = { type: 'user', value: '{{ ownr }}' };
    node(f, 'approve').config.assignmentRules = [
      { when: { all: [{ fact: 'invoice', operator: 'isNotEmpty' }] }, assignee: { type: 'group', value: '{{ area' } },
    ];
    expect(codes(f)).toEqual([
      'UNDEFINED_VARIABLE /nodes/3/config/assignee/value',
      'EXPRESSION_INVALID /nodes/3/config/assignmentRules/0/assignee/value',
    ]);
  });

  it('recordFeed record variable and built-ins are defined', () => {
    const f = sampleFlow();
    f.nodes[0] = {
      id: 'start',
      kind: 'trigger.recordFeed',
      config: {
        connector: 'sap',
        feed: 'openInvoices',
        cron: '0 7 * * 1-5',
        businessKey: 'inv.id',
        recordVariable: 'inv',
        onClosed: 'ignore',
      },
    };
    node(f, 'fetch').config.inputs = { id: 'inv.customer & runId & businessKey & $string(now)' };
    expect(codes(f)).toEqual([]);
  });

  it('EXPRESSION_INVALID in expressions, templates and wait dates', () => {
    const f = sampleFlow();
    node(f, 'fetch').config.inputs = { id: 'customerId +' };
    node(f, 'approve').config.description = 'Hello {{ customerId';
    node(f, 'wait').config.until = { type: 'date', expression: 'invoice.(' };
    expect(codes(f)).toEqual([
      'EXPRESSION_INVALID /nodes/1/config/inputs/id',
      'EXPRESSION_INVALID /nodes/3/config/description',
      'EXPRESSION_INVALID /nodes/4/config/until/expression',
    ]);
  });

  it('INVALID_TIMEZONE, UNKNOWN_CALENDAR, INVALID_CRON', () => {
    const f = sampleFlow();
    f.settings = { timezone: 'Mars/Olympus', calendar: 'ZZ' };
    f.nodes[0] = { id: 'start', kind: 'trigger.schedule', config: { cron: 'every day', timezone: 'Europe/Paris' } };
    expect(codes(f)).toEqual([
      'INVALID_TIMEZONE /settings/timezone',
      'UNKNOWN_CALENDAR /settings/calendar',
      'INVALID_CRON /nodes/0/config/cron',
    ]);
  });

  it('TRIGGER_HAS_INCOMING and TOO_MANY_PROBLEMS', () => {
    const f = sampleFlow();
    f.edges.push({ id: 'back', source: 'remind', target: 'start' });
    expect(codes(f)).toContain('TRIGGER_HAS_INCOMING /edges/9/target');
    const g = sampleFlow();
    for (let i = 0; i < 50; i++) g.nodes.push({ id: `n${i}`, kind: 'end', config: { status: 'completed' } });
    const p = validateFlow(g, { maxProblems: 10 });
    expect(p).toHaveLength(11);
    expect(p[10]!.code).toBe('TOO_MANY_PROBLEMS');
  });

  it('escapes JSON pointer segments', () => {
    const f = sampleFlow();
    node(f, 'fetch').config.inputs = { id: 'customerId', 'a/b~c': '1' };
    expect(codes(f)).toEqual(['UNKNOWN_INPUT /nodes/1/config/inputs/a~1b~0c']);
  });
});

describe('variablesAt', () => {
  it('lists built-ins, inputs and outputs defined on every path', () => {
    const vars = variablesAt(sampleFlow(), 'approve');
    expect(vars.map((v) => v.name)).toEqual(['now', 'businessKey', 'runId', 'customerId', 'invoice']);
    expect(vars.find((v) => v.name === 'invoice')).toEqual({
      name: 'invoice',
      type: 'object',
      source: 'node',
      nodeId: 'fetch',
    });
    expect(vars.find((v) => v.name === 'customerId')).toEqual({ name: 'customerId', type: 'string', source: 'input' });
    expect(variablesAt(sampleFlow(), 'failed').map((v) => v.name)).not.toContain('invoice');
    expect(variablesAt(sampleFlow(), 'nope').map((v) => v.name)).toEqual(['now', 'businessKey', 'runId', 'customerId']);
    expect(variablesAt(42, 'x')).toEqual([]);
  });
  it('a parallel join sees the variables of every branch', () => {
    const f = {
      schemaVersion: 1,
      name: 'p',
      variables: [],
      nodes: [
        { id: 's', kind: 'trigger.manual', config: {} },
        { id: 'split', kind: 'parallel.split', config: {} },
        { id: 'a', kind: 'setVariables', config: { assignments: [{ variable: 'x', expression: '1' }] } },
        { id: 'b', kind: 'setVariables', config: { assignments: [{ variable: 'y', expression: '2' }] } },
        { id: 'join', kind: 'parallel.join', config: {} },
        { id: 'end', kind: 'end', config: { status: 'completed' } },
      ],
      edges: [
        { id: '1', source: 's', target: 'split' },
        { id: '2', source: 'split', target: 'a' },
        { id: '3', source: 'split', target: 'b' },
        { id: '4', source: 'a', target: 'join' },
        { id: '5', source: 'b', target: 'join' },
        { id: '6', source: 'join', target: 'end' },
      ],
    };
    expect(validateFlow(f)).toEqual([]);
    expect(variablesAt(f, 'end').map((v) => v.name)).toEqual(expect.arrayContaining(['x', 'y']));
  });

  it('dunning run: level facts, a letter per level, the default calendar; the run variables it defines', () => {
    const run = (classify: Record<string, unknown>) => ({
      schemaVersion: 1,
      name: 'Dunning run',
      variables: [],
      nodes: [
        { id: 'start', kind: 'trigger.manual', config: {} },
        {
          id: 'classify',
          kind: 'dunning.classify',
          config: {
            shiftHolidays: true,
            levels: {
              hitPolicy: 'first',
              columns: [{ fact: 'daysOverdue', operator: 'greaterThanInclusive' }],
              rows: [
                { cells: [30], outcome: 'level2' },
                { cells: [1], outcome: 'level1' },
              ],
              defaultOutcome: 'none',
            },
            letters: [
              { level: 1, template: 'dunning-customer-1' },
              { level: 2, template: 'dunning-customer-2' },
            ],
            outputVariable: 'batch',
            ...classify,
          },
        },
        { id: 'send', kind: 'dunning.send', config: { batch: 'batch.id', connectionId: 'mail', companyName: 'ACME' } },
        { id: 'end', kind: 'end', config: { status: 'completed' } },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'classify' },
        { id: 'b', source: 'classify', target: 'send' },
        { id: 'c', source: 'send', target: 'end' },
      ],
    });
    expect(validateFlow(run({}))).toEqual([]);
    const bad = run({
      letters: [{ level: 1, template: 'dunning-customer-1' }],
      defaultCalendar: 'XX-NOWHERE',
    });
    (bad.nodes[1]!.config as { levels: { columns: Array<{ fact: string }> } }).levels.columns[0]!.fact = 'amount';
    expect(validateFlow(bad).map((p) => `${p.code} ${p.path}`)).toEqual([
      'UNKNOWN_FACT /nodes/1/config/levels/columns/0/fact',
      'DUNNING_LETTER_MISSING /nodes/1/config/levels/rows/0/outcome',
      'UNKNOWN_CALENDAR /nodes/1/config/defaultCalendar',
    ]);
    // The batch expression of the send needs the classify node's output variable.
    const noOutput = run({ outputVariable: undefined });
    expect(validateFlow(noOutput).map((p) => p.code)).toEqual(['UNDEFINED_VARIABLE']);
  });
});
