import type { VariableType } from '../schema/common.schema.ts';
import type { IndexedNode } from './flow-index.ts';
import { isRecord, own, ownArray, ownString } from './json-pointer.ts';
import { isFixedInput, isTemplateText } from '../expressions/action-input.ts';

/** A jsonata expression or template in a node's config, with its path relative to the node. */
export interface ExpressionRef {
  path: string[];
  text: string;
  template: boolean;
  /** For setVariables: variables assigned earlier in the same node are visible. */
  extraScope?: string[];
}
/** A rule leaf or decision-table column naming a fact. */
export interface FactRef {
  path: string[];
  fact: string;
}
export interface VariableDef {
  name: string;
  type: VariableType;
}

const WAIT_FIELDS: Record<string, string[]> = {
  humanTask: ['due', 'expireAfter', 'remindAfter', 'escalateAfter'],
  wait: ['until'],
  waitForEvent: ['timeout'],
};

export function nodeExpressions(n: IndexedNode): ExpressionRef[] {
  const c = n.config;
  const out: ExpressionRef[] = [];
  const expr = (text: unknown, path: string[], extraScope?: string[]) => {
    if (typeof text === 'string') out.push({ path, text, template: false, ...(extraScope ? { extraScope } : {}) });
  };
  const record = (field: string) => {
    const r = own(c, field);
    if (!isRecord(r)) return;
    for (const k of Object.keys(r)) {
      const v = r[k];
      // A fixed value is literal; only its text's {{ }} placeholders are checked, like a task title.
      if (isFixedInput(v)) {
        if (isTemplateText(v.value)) out.push({ path: ['config', field, k, 'value'], text: v.value, template: true });
      } else expr(v, ['config', field, k]);
    }
  };
  switch (n.kind) {
    case 'trigger.webhook':
      expr(own(c, 'businessKey'), ['config', 'businessKey']);
      break;
    case 'trigger.recordFeed':
      expr(own(c, 'businessKey'), ['config', 'businessKey']);
      expr(own(c, 'changedBy'), ['config', 'changedBy']);
      break;
    case 'setVariables': {
      const assigned: string[] = [];
      ownArray(c, 'assignments').forEach((a, i) => {
        expr(own(a, 'expression'), ['config', 'assignments', String(i), 'expression'], [...assigned]);
        const v = ownString(a, 'variable');
        if (v) assigned.push(v);
      });
      break;
    }
    case 'action':
    case 'subFlow':
      record('inputs');
      break;
    case 'forEach':
      expr(own(c, 'items'), ['config', 'items']);
      break;
    case 'dunning.send':
      expr(own(c, 'batch'), ['config', 'batch']);
      break;
    case 'dunning.pause':
      for (const f of ['customer', 'until', 'reason']) expr(own(c, f), ['config', f]);
      break;
    case 'humanTask':
      for (const f of ['title', 'description']) {
        const t = own(c, f);
        if (typeof t === 'string') out.push({ path: ['config', f], text: t, template: true });
      }
      expr(own(c, 'amount'), ['config', 'amount']);
      expr(own(c, 'customer'), ['config', 'customer']);
      {
        const who = ownString(own(c, 'assignee'), 'value');
        if (who?.includes('{{')) out.push({ path: ['config', 'assignee', 'value'], text: who, template: true });
        ownArray(c, 'assignmentRules').forEach((r, i) => {
          const v = ownString(own(r, 'assignee'), 'value');
          if (v?.includes('{{'))
            out.push({ path: ['config', 'assignmentRules', String(i), 'assignee', 'value'], text: v, template: true });
        });
      }
      break;
  }
  for (const f of WAIT_FIELDS[n.kind] ?? []) {
    const spec = own(c, f);
    if (ownString(spec, 'type') === 'date') expr(own(spec, 'expression'), ['config', f, 'expression']);
  }
  return out;
}

/** Leaves of a condition tree, iteratively and bounded (the tree is user data). */
function conditionFacts(root: unknown, base: string[], out: FactRef[]): void {
  const stack: Array<[unknown, string[]]> = [[root, base]];
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const [c, path] = stack.pop()!;
    if (!isRecord(c)) continue;
    const fact = ownString(c, 'fact');
    if (fact !== undefined) out.push({ path: [...path, 'fact'], fact });
    for (const op of ['all', 'any'] as const)
      ownArray(c, op).forEach((x, i) => stack.push([x, [...path, op, String(i)]]));
    if (own(c, 'not') !== undefined) stack.push([own(c, 'not'), [...path, 'not']]);
  }
}

export function nodeFacts(n: IndexedNode): FactRef[] {
  const c = n.config;
  const out: FactRef[] = [];
  if (n.kind === 'decision')
    ownArray(c, 'outcomes').forEach((o, i) =>
      conditionFacts(own(o, 'when'), ['config', 'outcomes', String(i), 'when'], out),
    );
  if (n.kind === 'humanTask')
    ownArray(c, 'assignmentRules').forEach((r, i) =>
      conditionFacts(own(r, 'when'), ['config', 'assignmentRules', String(i), 'when'], out),
    );
  if (n.kind === 'decisionTable') {
    ownArray(c, 'columns').forEach((col, i) => {
      const fact = ownString(col, 'fact');
      if (fact !== undefined) out.push({ path: ['config', 'columns', String(i), 'fact'], fact });
    });
  }
  return out.sort((a, b) => (a.path.join('/') < b.path.join('/') ? -1 : 1));
}

const OUTPUT_TYPE: Partial<Record<string, VariableType>> = {
  action: 'object',
  decisionTable: 'list',
  humanTask: 'object',
  waitForEvent: 'object',
  forEach: 'list',
  subFlow: 'object',
  'dunning.classify': 'object',
  'dunning.send': 'object',
};

/** Variables a node defines for its successors; outputs are not defined on error/timeout/expired edges. */
export function nodeDefinitions(n: IndexedNode, handle: string | null): VariableDef[] {
  const c = n.config;
  const defs: VariableDef[] = [];
  if (n.kind === 'trigger.recordFeed') defs.push({ name: ownString(c, 'recordVariable') ?? 'record', type: 'object' });
  if (n.kind === 'trigger.webhook') defs.push({ name: 'payload', type: 'object' });
  if (n.kind === 'setVariables')
    for (const a of ownArray(c, 'assignments')) {
      const v = ownString(a, 'variable');
      if (v) defs.push({ name: v, type: 'any' });
    }
  const output = ownString(c, 'outputVariable');
  const failed = handle === 'error' || handle === 'timeout' || handle === 'expired';
  if (output && OUTPUT_TYPE[n.kind] && !failed) defs.push({ name: output, type: OUTPUT_TYPE[n.kind]! });
  return defs;
}
