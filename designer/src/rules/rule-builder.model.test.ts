import { beforeEach, describe, expect, it } from 'vitest';
import type { Condition } from '@ledgerflow/flow-model';
import {
  addGroup,
  addRule,
  describeRule,
  operatorsForType,
  removeItem,
  resetRuleIds,
  resolveVariable,
  ruleProblems,
  setCombinator,
  setOperator,
  setValue,
  setVariable,
  splitVariable,
  toCondition,
  toggleNegate,
  toModel,
  valueKind,
  variableName,
  type RuleGroup,
  type RuleLeaf,
  type VariableInfo,
} from './rule-builder.model.ts';

const vars: VariableInfo[] = [
  { name: 'amount', type: 'money' },
  { name: 'customer.country', type: 'string' },
  { name: 'dueDate', type: 'date' },
  { name: 'retries', type: 'number' },
];

beforeEach(() => resetRuleIds());

describe('rule builder model', () => {
  it('round-trips nested all/any/not conditions', () => {
    const cond: Condition = {
      all: [
        { fact: 'amount', operator: 'amountGt', value: { amount: '1000', currency: 'EUR' } },
        {
          any: [
            { fact: 'customer', path: '$.country', operator: 'textEquals', value: 'FR' },
            { not: { all: [{ fact: 'retries', operator: 'greaterThan', value: 2 }] } },
          ],
        },
      ],
    };
    expect(toCondition(toModel(cond))).toEqual(cond);
  });

  it('wraps a bare leaf and an empty condition in a group', () => {
    expect(toCondition(toModel({ fact: 'retries', operator: 'equal', value: 1 }))).toEqual({
      all: [{ fact: 'retries', operator: 'equal', value: 1 }],
    });
    expect(toCondition(toModel(undefined))).toEqual({ all: [] });
    expect(toCondition(toModel({ not: { fact: 'retries', operator: 'equal', value: 1 } }))).toEqual({
      not: { all: [{ fact: 'retries', operator: 'equal', value: 1 }] },
    });
  });

  it('chooses operators and value inputs by type', () => {
    expect(operatorsForType('money')).toContain('amountGt');
    expect(operatorsForType('money')).not.toContain('greaterThan');
    expect(operatorsForType('date')).toContain('dateBefore');
    expect(valueKind('money', 'amountGt')).toBe('money');
    expect(valueKind('decimal', 'amountGt')).toBe('decimal');
    expect(valueKind('date', 'olderThanDays')).toBe('days');
    expect(valueKind('string', 'isEmpty')).toBe('none');
    expect(valueKind('string', 'in')).toBe('list');
  });

  it('adds rules and groups anywhere and removes them', () => {
    let g: RuleGroup = toModel(undefined);
    g = addRule(g, g.id, vars[0], 'EUR');
    g = addGroup(g, g.id, 'any');
    const inner = g.children[1] as RuleGroup;
    g = addRule(g, inner.id, vars[1]);
    g = addRule(g, inner.id, vars[2]);
    expect(toCondition(g)).toEqual({
      all: [
        { fact: 'amount', operator: 'amountGt', value: { amount: '0', currency: 'EUR' } },
        {
          any: [
            { fact: 'customer', path: '$.country', operator: 'textEquals', value: '' },
            { fact: 'dueDate', operator: 'dateBefore', value: '' },
          ],
        },
      ],
    });
    const leaf = (g.children[1] as RuleGroup).children[0]!;
    g = removeItem(g, leaf.id);
    expect((g.children[1] as RuleGroup).children).toHaveLength(1);
    g = setCombinator(g, inner.id, 'all');
    g = toggleNegate(g, inner.id);
    expect(toCondition(g)).toMatchObject({ all: [{}, { not: { all: [{ fact: 'dueDate' }] } }] });
  });

  it('resets operator and value when the variable type changes', () => {
    let g = addRule(toModel(undefined), 'r1', vars[0], 'EUR');
    const id = g.children[0]!.id;
    g = setVariable(g, id, vars[3]!);
    expect(g.children[0]).toMatchObject({ fact: 'retries', operator: 'equal', value: 0 });
    g = setOperator(g, id, 'in', 'number');
    expect((g.children[0] as RuleLeaf).value).toEqual([]);
    g = setOperator(g, id, 'notIn', 'number');
    g = setValue(g, id, [1, 2]);
    expect((g.children[0] as RuleLeaf).value).toEqual([1, 2]);
  });

  it('reports unknown variables, wrong operators and bad values', () => {
    const g = toModel({
      all: [
        { fact: 'ghost', operator: 'equal', value: 1 },
        { fact: 'amount', operator: 'greaterThan', value: 5 },
        { fact: 'amount', operator: 'amountGt', value: { amount: '12,5', currency: 'EUR' } },
        { fact: 'retries', operator: 'greaterThan', value: 3 },
        { any: [] },
      ],
    });
    const messages = ruleProblems(g, vars).map((p) => p.message);
    expect(messages).toEqual([
      'Variable "ghost" is not available here',
      '"greaterThan" does not apply to money',
      'Enter an amount such as 1250.00',
      'This group is empty',
    ]);
  });

  it("reads a field of a feed's record (an object with undeclared fields) with a type from its operator and value", () => {
    const scope = [{ name: 'record', type: 'object' as const }];
    const money = { fact: 'record', path: '$.totalNetAmount', operator: 'amountGt' as const };
    expect(resolveVariable(money, { amount: '15000', currency: 'EUR' }, scope)).toEqual({
      name: 'record.totalNetAmount',
      type: 'money',
    });
    expect(resolveVariable({ ...money, operator: 'isEmpty' }, null, scope)?.type).toBe('any');
    expect(resolveVariable({ fact: 'ghost', path: '$.x', operator: 'isEmpty' }, null, scope)).toBeUndefined();
    const g = toModel({
      any: [
        { fact: 'record', path: '$.totalNetAmount', operator: 'isEmpty' },
        { fact: 'record', path: '$.totalNetAmount', operator: 'amountGt', value: { amount: '15000', currency: 'EUR' } },
      ],
    });
    expect(ruleProblems(g, scope)).toEqual([]);
  });

  it('maps dotted names to fact and JSONPath', () => {
    expect(splitVariable('invoice.customer.id')).toEqual({ fact: 'invoice', path: '$.customer.id' });
    expect(variableName({ fact: 'invoice', path: '$.customer.id' })).toBe('invoice.customer.id');
    expect(splitVariable('amount')).toEqual({ fact: 'amount' });
  });

  it('describes rules as plain text', () => {
    const g = toModel({
      any: [
        { fact: 'amount', operator: 'amountGt', value: { amount: '1000', currency: 'EUR' } },
        { fact: 'reason', operator: 'isEmpty', value: null },
      ],
    });
    expect(describeRule(g)).toBe('amount > 1000 EUR or reason isEmpty');
  });
});
