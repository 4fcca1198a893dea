import {
  isCanonicalDecimal,
  isCurrencyCode,
  type Condition,
  type ConditionLeaf,
  type Operator,
  type VariableType,
} from '@ledgerflow/flow-model';

/** A variable the user can pick, as a dotted name ("invoice.amount") with its type. */
export interface VariableInfo {
  name: string;
  type: VariableType;
  description?: string;
}

export interface RuleLeaf {
  type: 'rule';
  id: string;
  fact: string;
  path?: string;
  operator: Operator;
  value: unknown;
}
export interface RuleGroup {
  type: 'group';
  id: string;
  combinator: 'all' | 'any';
  negate: boolean;
  children: RuleItem[];
}
export type RuleItem = RuleLeaf | RuleGroup;

export type ValueKind = 'none' | 'text' | 'number' | 'decimal' | 'money' | 'date' | 'days' | 'boolean' | 'list';

// Ids only need to be unique within one editing session; a counter keeps tests deterministic.
let seq = 0;
export const newRuleId = (): string => `r${++seq}`;
export function resetRuleIds(): void {
  seq = 0;
}

const TEXT_OPS: Operator[] = [
  'textEquals',
  'equal',
  'notEqual',
  'textContains',
  'startsWith',
  'endsWith',
  'matches',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
];
const NUMBER_OPS: Operator[] = [
  'equal',
  'notEqual',
  'greaterThan',
  'greaterThanInclusive',
  'lessThan',
  'lessThanInclusive',
  'in',
  'notIn',
];
// Money and decimals are compared exactly by the engine's amount operators, never as floats.
const AMOUNT_OPS: Operator[] = ['amountGt', 'amountGte', 'amountLt', 'amountLte', 'amountEq'];
const DATE_OPS: Operator[] = ['dateBefore', 'dateAfter', 'dateOnOrBefore', 'dateOnOrAfter', 'olderThanDays'];

export function operatorsForType(type: VariableType): Operator[] {
  switch (type) {
    case 'string':
      return TEXT_OPS;
    case 'number':
      return NUMBER_OPS;
    case 'decimal':
    case 'money':
      return AMOUNT_OPS;
    case 'date':
    case 'datetime':
      return DATE_OPS;
    case 'boolean':
      return ['equal', 'notEqual'];
    case 'list':
      return ['contains', 'doesNotContain', 'isEmpty', 'isNotEmpty'];
    default:
      return ['equal', 'notEqual', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];
  }
}

export function valueKind(type: VariableType, operator: Operator): ValueKind {
  if (operator === 'isEmpty' || operator === 'isNotEmpty') return 'none';
  if (operator === 'in' || operator === 'notIn') return 'list';
  if (operator === 'olderThanDays') return 'days';
  if (operator.startsWith('amount')) return type === 'money' ? 'money' : 'decimal';
  if (operator.startsWith('date')) return 'date';
  if (type === 'boolean') return 'boolean';
  if (type === 'number') return 'number';
  return 'text';
}

export function defaultValue(kind: ValueKind, currency = 'EUR'): unknown {
  switch (kind) {
    case 'none':
      return null;
    case 'money':
      return { amount: '0', currency };
    case 'decimal':
      return '0';
    case 'number':
      return 0;
    case 'days':
      return 30;
    case 'boolean':
      return true;
    case 'list':
      return [];
    default:
      return '';
  }
}

/** Returns why a value does not fit its input kind, or null. */
export function valueProblem(kind: ValueKind, value: unknown): string | null {
  switch (kind) {
    case 'none':
      return null;
    case 'money': {
      const m = value as { amount?: unknown; currency?: unknown } | null;
      if (!m || !isCanonicalDecimal(m.amount)) return 'Enter an amount such as 1250.00';
      return isCurrencyCode(m.currency) ? null : 'Pick a currency';
    }
    case 'decimal':
      return isCanonicalDecimal(value) ? null : 'Enter a decimal number such as 1250.00';
    case 'number':
    case 'days':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Enter a number';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? null : 'Enter a date';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Choose yes or no';
    case 'list':
      return Array.isArray(value) ? null : 'Enter a list of values';
    default:
      return typeof value === 'string' ? null : 'Enter text';
  }
}

const TEXT_ONLY = new Set<Operator>(['textEquals', 'textContains', 'startsWith', 'endsWith', 'matches']);

/** A type for a value whose variable declares none (`any`, or a field of an `object` such as a feed's record). */
function inferType(operator: Operator, value: unknown): VariableType {
  const v = value as { amount?: unknown; currency?: unknown } | null;
  if (v && typeof v === 'object' && 'amount' in v && 'currency' in v) return 'money';
  if (operator.startsWith('amount')) return 'decimal';
  if (DATE_OPS.includes(operator)) return 'date';
  if (operator === 'contains' || operator === 'doesNotContain') return 'list';
  if (TEXT_ONLY.has(operator)) return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'any';
}

/**
 * The variable a rule reads. A field of a variable whose fields are not declared (the record a feed fetched:
 * `record.totalNetAmount`) is available, as the flow validator agrees; its type, like that of an `any` variable,
 * comes from the operator and the value, so an amount is edited as money rather than as "[object Object]".
 */
export function resolveVariable(
  leaf: { fact: string; path?: string; operator: Operator },
  value: unknown,
  variables: readonly VariableInfo[],
): VariableInfo | undefined {
  const name = variableName(leaf);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const exact = byName.get(name);
  if (exact && exact.type !== 'any' && exact.type !== 'object') return exact;
  let known = !!exact;
  for (let at = name.lastIndexOf('.'); !known && at > 0; at = name.lastIndexOf('.', at - 1)) {
    const parent = byName.get(name.slice(0, at));
    if (parent) known = parent.type === 'object' || parent.type === 'any';
    if (parent) break;
  }
  return known ? { ...exact, name, type: inferType(leaf.operator, value) } : undefined;
}

/** "invoice.amount" is stored as fact "invoice" with JSONPath "$.amount". */
export function splitVariable(name: string): { fact: string; path?: string } {
  const dot = name.indexOf('.');
  return dot < 0 ? { fact: name } : { fact: name.slice(0, dot), path: `$${name.slice(dot)}` };
}
export function variableName(leaf: { fact: string; path?: string }): string {
  return leaf.path ? `${leaf.fact}${leaf.path.replace(/^\$/, '')}` : leaf.fact;
}

function isGroupCondition(c: Condition): c is { all: Condition[] } | { any: Condition[] } {
  return 'all' in c || 'any' in c;
}

export function toModel(cond: Condition | undefined): RuleGroup {
  if (!cond) return { type: 'group', id: newRuleId(), combinator: 'all', negate: false, children: [] };
  if ('not' in cond) {
    const inner = cond.not;
    if (isGroupCondition(inner)) return { ...toModel(inner), negate: true };
    return {
      type: 'group',
      id: newRuleId(),
      combinator: 'all',
      negate: true,
      children: [leafToModel(inner as ConditionLeaf)],
    };
  }
  if ('all' in cond)
    return { type: 'group', id: newRuleId(), combinator: 'all', negate: false, children: cond.all.map(itemToModel) };
  if ('any' in cond)
    return { type: 'group', id: newRuleId(), combinator: 'any', negate: false, children: cond.any.map(itemToModel) };
  return { type: 'group', id: newRuleId(), combinator: 'all', negate: false, children: [leafToModel(cond)] };
}

function itemToModel(c: Condition): RuleItem {
  return 'fact' in c ? leafToModel(c) : toModel(c);
}

function leafToModel(c: ConditionLeaf): RuleLeaf {
  const leaf: RuleLeaf = { type: 'rule', id: newRuleId(), fact: c.fact, operator: c.operator, value: c.value };
  if (c.path !== undefined) leaf.path = c.path;
  return leaf;
}

export function toCondition(group: RuleGroup): Condition {
  const children = group.children.map((c): Condition => (c.type === 'group' ? toCondition(c) : leafToCondition(c)));
  const body: Condition = group.combinator === 'all' ? { all: children } : { any: children };
  return group.negate ? { not: body } : body;
}

function leafToCondition(l: RuleLeaf): ConditionLeaf {
  const out: ConditionLeaf = { fact: l.fact, operator: l.operator, value: l.value };
  if (l.path !== undefined) out.path = l.path;
  return out;
}

/** Applies `fn` to the item with `id`, anywhere in the tree; returning null removes it. */
export function mapItem(root: RuleGroup, id: string, fn: (item: RuleItem) => RuleItem | null): RuleGroup {
  const walk = (g: RuleGroup): RuleGroup => ({
    ...g,
    children: g.children.flatMap((c) => {
      if (c.id === id) {
        const r = fn(c);
        return r ? [r] : [];
      }
      return c.type === 'group' ? [walk(c)] : [c];
    }),
  });
  if (root.id === id) {
    const r = fn(root);
    return r && r.type === 'group' ? r : root;
  }
  return walk(root);
}

export function findItem(root: RuleGroup, id: string): RuleItem | undefined {
  if (root.id === id) return root;
  for (const c of root.children) {
    if (c.id === id) return c;
    if (c.type === 'group') {
      const f = findItem(c, id);
      if (f) return f;
    }
  }
  return undefined;
}

export function newLeaf(variable: VariableInfo | undefined, currency?: string): RuleLeaf {
  const v = variable ?? { name: '', type: 'string' as const };
  const operator = operatorsForType(v.type)[0]!;
  return {
    type: 'rule',
    id: newRuleId(),
    ...splitVariable(v.name),
    operator,
    value: defaultValue(valueKind(v.type, operator), currency),
  };
}

export function addRule(root: RuleGroup, groupId: string, variable?: VariableInfo, currency?: string): RuleGroup {
  return mapItem(root, groupId, (g) =>
    g.type === 'group' ? { ...g, children: [...g.children, newLeaf(variable, currency)] } : g,
  );
}

export function addGroup(root: RuleGroup, groupId: string, combinator: 'all' | 'any' = 'any'): RuleGroup {
  const child: RuleGroup = { type: 'group', id: newRuleId(), combinator, negate: false, children: [] };
  return mapItem(root, groupId, (g) => (g.type === 'group' ? { ...g, children: [...g.children, child] } : g));
}

export function removeItem(root: RuleGroup, id: string): RuleGroup {
  return root.id === id ? { ...root, children: [] } : mapItem(root, id, () => null);
}

export function setCombinator(root: RuleGroup, groupId: string, combinator: 'all' | 'any'): RuleGroup {
  return mapItem(root, groupId, (g) => (g.type === 'group' ? { ...g, combinator } : g));
}

export function toggleNegate(root: RuleGroup, groupId: string): RuleGroup {
  return mapItem(root, groupId, (g) => (g.type === 'group' ? { ...g, negate: !g.negate } : g));
}

/** Picking a variable of another type resets operator and value, since the old ones may not apply. */
export function setVariable(root: RuleGroup, ruleId: string, variable: VariableInfo, currency?: string): RuleGroup {
  return mapItem(root, ruleId, (item) => {
    if (item.type !== 'rule') return item;
    const ops = operatorsForType(variable.type);
    const operator = ops.includes(item.operator) ? item.operator : ops[0]!;
    const { path: _old, ...rest } = item;
    const keepValue =
      ops.includes(item.operator) && valueProblem(valueKind(variable.type, operator), item.value) === null;
    return {
      ...rest,
      ...splitVariable(variable.name),
      operator,
      value: keepValue ? item.value : defaultValue(valueKind(variable.type, operator), currency),
    };
  });
}

export function setOperator(
  root: RuleGroup,
  ruleId: string,
  operator: Operator,
  type: VariableType,
  currency?: string,
): RuleGroup {
  return mapItem(root, ruleId, (item) => {
    if (item.type !== 'rule') return item;
    const same = valueKind(type, item.operator) === valueKind(type, operator);
    return { ...item, operator, value: same ? item.value : defaultValue(valueKind(type, operator), currency) };
  });
}

export function setValue(root: RuleGroup, ruleId: string, value: unknown): RuleGroup {
  return mapItem(root, ruleId, (item) => (item.type === 'rule' ? { ...item, value } : item));
}

export interface RuleProblem {
  id: string;
  message: string;
}

/** Problems the builder shows inline, before the flow validator ever sees the rule. */
export function ruleProblems(root: RuleGroup, variables: readonly VariableInfo[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const walk = (g: RuleGroup): void => {
    for (const c of g.children) {
      if (c.type === 'group') {
        if (c.children.length === 0) out.push({ id: c.id, message: 'This group is empty' });
        walk(c);
        continue;
      }
      const v = resolveVariable(c, c.value, variables);
      if (!v) {
        out.push({
          id: c.id,
          message: c.fact ? `Variable "${variableName(c)}" is not available here` : 'Pick a variable',
        });
        continue;
      }
      if (!operatorsForType(v.type).includes(c.operator)) {
        out.push({ id: c.id, message: `"${c.operator}" does not apply to ${v.type}` });
        continue;
      }
      const p = valueProblem(valueKind(v.type, c.operator), c.value);
      if (p) out.push({ id: c.id, message: p });
    }
  };
  walk(root);
  return out;
}

const SYMBOL: Partial<Record<Operator, string>> = {
  equal: '=',
  notEqual: '≠',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  lessThan: '<',
  lessThanInclusive: '≤',
  amountEq: '=',
  amountGt: '>',
  amountGte: '≥',
  amountLt: '<',
  amountLte: '≤',
  dateBefore: 'before',
  dateAfter: 'after',
};

function formatValue(v: unknown): string {
  if (v && typeof v === 'object' && 'amount' in v && 'currency' in v)
    return `${String(v.amount)} ${String(v.currency)}`;
  return Array.isArray(v) ? `[${v.map(String).join(', ')}]` : (JSON.stringify(v) ?? '');
}

/** One-line plain-text summary shown on the canvas node. */
export function describeRule(item: RuleItem): string {
  if (item.type === 'rule') {
    const kind = valueKind('any', item.operator);
    return `${variableName(item)} ${SYMBOL[item.operator] ?? item.operator}${kind === 'none' ? '' : ` ${formatValue(item.value)}`}`;
  }
  const inner = item.children
    .map((c) => (c.type === 'group' ? `(${describeRule(c)})` : describeRule(c)))
    .join(item.combinator === 'all' ? ' and ' : ' or ');
  return item.negate ? `not (${inner})` : inner || '(always)';
}
