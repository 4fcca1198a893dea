import type { ConnectorCatalog } from '../catalog.ts';
import { checkExpression, expressionRootNames, parseExpressionAst } from '../expressions/expression-eval.ts';
import { checkTemplate, templateExpressions } from '../expressions/template-render.ts';
import { isKnownCalendar } from '../calendar/business-calendar.ts';
import { isValidTimezone } from '../calendar/zoned-time.ts';
import type { FlowIndex, IndexedNode } from './flow-index.ts';
import { isRecord, own, ownArray, ownString, ptr } from './json-pointer.ts';
import { nodeDefinitions, nodeExpressions, nodeFacts } from './node-references.ts';
import type { ProblemSink } from './problem-sink.ts';
import type { Scope } from './variable-scope.ts';

function at(n: IndexedNode, path: string[]) {
  return { path: ptr('nodes', n.index, ...path), nodeId: n.id };
}

/** Expressions parse; facts and root variables of expressions are defined where they are used. */
export function checkReferences(ix: FlowIndex, scopes: Map<string, Scope>, sink: ProblemSink): void {
  for (const n of ix.byId.values()) {
    if (sink.full) return;
    let scope = scopes.get(n.id);
    // A trigger's own expressions (recordFeed businessKey) already see the record it fetched.
    if (scope && ix.triggers.includes(n)) {
      scope = new Map(scope);
      for (const d of nodeDefinitions(n, null)) scope.set(d.name, { ...d, source: 'node', nodeId: n.id });
    }
    for (const ref of nodeExpressions(n)) {
      const err = ref.template ? checkTemplate(ref.text) : checkExpression(ref.text);
      if (err) {
        sink.add({ ...at(n, ref.path), code: 'EXPRESSION_INVALID', message: err });
        continue;
      }
      if (!scope) continue;
      const extra = new Set(ref.extraScope ?? []);
      const exprs = ref.template ? templateExpressions(ref.text) : [ref.text];
      const missing = new Set<string>();
      for (const e of exprs) {
        const ast = parseExpressionAst(e);
        if (ast)
          for (const name of expressionRootNames(ast)) if (!scope.has(name) && !extra.has(name)) missing.add(name);
      }
      for (const name of missing) {
        sink.add({
          ...at(n, ref.path),
          code: 'UNDEFINED_VARIABLE',
          message: `Variable '${name}' is not defined on every path to '${n.id}'`,
        });
      }
    }
    if (!scope) continue;
    for (const f of nodeFacts(n)) {
      if (!scope.has(f.fact))
        sink.add({
          ...at(n, f.path),
          code: 'UNDEFINED_VARIABLE',
          message: `Fact '${f.fact}' is not a variable defined on every path to '${n.id}'`,
        });
    }
  }
}

/** Inputs a node must give: required ones without a schema default (the action fills those in, see connector-sdk). */
function requiredFields(schema: unknown): string[] {
  const req = own(schema, 'required');
  const props = own(schema, 'properties');
  const defaulted = (field: string) =>
    isRecord(props) && isRecord(props[field]) && Object.hasOwn(props[field], 'default');
  return Array.isArray(req) ? req.filter((r): r is string => typeof r === 'string' && !defaulted(r)) : [];
}

/** Connectors, actions, feeds and action inputs against the installed catalog. */
export function checkCatalog(ix: FlowIndex, catalog: ConnectorCatalog, sink: ProblemSink): void {
  const connectors = isRecord(catalog?.connectors) ? catalog.connectors : {};
  for (const n of ix.byId.values()) {
    if (n.kind !== 'action' && n.kind !== 'trigger.recordFeed' && n.kind !== 'trigger.ledgerFeed') continue;
    const name = ownString(n.config, 'connector');
    if (name === undefined) continue;
    const connector = own(connectors, name);
    if (!isRecord(connector)) {
      sink.add({
        ...at(n, ['config', 'connector']),
        code: 'UNKNOWN_CONNECTOR',
        message: `Connector '${name}' is not installed`,
      });
      continue;
    }
    if (n.kind === 'trigger.recordFeed' || n.kind === 'trigger.ledgerFeed') {
      const feed = ownString(n.config, 'feed');
      if (feed !== undefined && !isRecord(own(own(connector, 'feeds'), feed))) {
        sink.add({
          ...at(n, ['config', 'feed']),
          code: 'UNKNOWN_FEED',
          message: `Connector '${name}' has no feed '${feed}'`,
        });
      }
      continue;
    }
    const actionName = ownString(n.config, 'action');
    if (actionName === undefined) continue;
    const action = own(own(connector, 'actions'), actionName);
    if (!isRecord(action)) {
      sink.add({
        ...at(n, ['config', 'action']),
        code: 'UNKNOWN_ACTION',
        message: `Connector '${name}' has no action '${actionName}'`,
      });
      continue;
    }
    const inputs = isRecord(own(n.config, 'inputs')) ? (own(n.config, 'inputs') as Record<string, unknown>) : {};
    const schema = own(action, 'input');
    for (const field of requiredFields(schema)) {
      if (!Object.hasOwn(inputs, field))
        sink.add({
          ...at(n, ['config', 'inputs']),
          code: 'MISSING_INPUT',
          message: `Action '${name}.${actionName}' requires input '${field}'`,
        });
    }
    const props = own(schema, 'properties');
    if (own(schema, 'additionalProperties') === false && isRecord(props)) {
      for (const key of Object.keys(inputs)) {
        if (!Object.hasOwn(props, key))
          sink.add({
            ...at(n, ['config', 'inputs', key]),
            code: 'UNKNOWN_INPUT',
            message: `Action '${name}.${actionName}' has no input '${key}'`,
          });
      }
    }
  }
}

// Five or six fields of cron syntax; the scheduler parses for real, this only catches typos early.
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;

/** Timezones, holiday calendars and cron expressions. */
export function checkSettings(flow: unknown, ix: FlowIndex, sink: ProblemSink): void {
  const settings = own(flow, 'settings');
  const tz = ownString(settings, 'timezone');
  if (tz !== undefined && !isValidTimezone(tz))
    sink.add({ path: '/settings/timezone', code: 'INVALID_TIMEZONE', message: `'${tz}' is not an IANA timezone` });
  const cal = ownString(settings, 'calendar');
  if (cal !== undefined && !isKnownCalendar(cal))
    sink.add({
      path: '/settings/calendar',
      code: 'UNKNOWN_CALENDAR',
      message: `'${cal}' is not a known holiday calendar (e.g. FR, US, DE-BY)`,
    });
  for (const n of ix.byId.values()) {
    const ntz = ownString(n.config, 'timezone');
    if (ntz !== undefined && !isValidTimezone(ntz))
      sink.add({
        ...at(n, ['config', 'timezone']),
        code: 'INVALID_TIMEZONE',
        message: `'${ntz}' is not an IANA timezone`,
      });
    const cron = ownString(n.config, 'cron');
    if (cron !== undefined && cron.trim() !== '') {
      const fields = cron.trim().split(/\s+/);
      if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
        sink.add({
          ...at(n, ['config', 'cron']),
          code: 'INVALID_CRON',
          message: `'${cron.slice(0, 60)}' is not a cron expression (5 or 6 fields, e.g. "0 7 * * 1-5")`,
        });
      }
    }
  }
}

/** An outcome may require only fields its task's form has. */
export function checkTaskForms(ix: FlowIndex, sink: ProblemSink): void {
  for (const n of ix.byId.values()) {
    if (n.kind !== 'humanTask') continue;
    const props = own(own(own(n.config, 'form'), 'schema'), 'properties');
    const fields = isRecord(props) ? Object.keys(props) : [];
    ownArray(n.config, 'outcomes').forEach((o, i) => {
      ownArray(o, 'requires').forEach((f, j) => {
        if (typeof f === 'string' && !fields.includes(f)) {
          sink.add({
            ...at(n, ['config', 'outcomes', String(i), 'requires', String(j)]),
            code: 'UNKNOWN_FIELD',
            message: `Outcome '${ownString(o, 'name') ?? i}' requires '${f}', which the task's form does not have${fields.length ? ` (fields: ${fields.join(', ')})` : ''}`,
          });
        }
      });
    });
  }
}
