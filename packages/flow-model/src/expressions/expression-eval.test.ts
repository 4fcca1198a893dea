import { describe, expect, it } from 'vitest';
import { checkExpression, evaluateExpression, expressionRootNames, parseExpressionAst, ExpressionError } from './expression-eval.ts';
import { checkTemplate, renderTemplate, templateExpressions } from './template-render.ts';

describe('evaluateExpression', () => {
  it('reads variables as the root document', async () => {
    expect(await evaluateExpression('invoice.amount * 2', { invoice: { amount: 21 } })).toBe(42);
    expect(await evaluateExpression('$sum(lines.qty)', { lines: [{ qty: 1 }, { qty: 2 }] })).toBe(3);
    expect(await evaluateExpression('lines.qty', { lines: [{ qty: 1 }, { qty: 2 }] })).toEqual([1, 2]);
    expect(typeof (await evaluateExpression('$now()', { now: 'x' }))).toBe('string');
  });
  it('bounds runaway recursion and time', async () => {
    await expect(evaluateExpression('($f := function($n){ $f($n + 1) }; $f(0))', {})).rejects.toThrow(ExpressionError);
    await expect(evaluateExpression('($f := function($n){ $n > 1e9 ? 0 : $f($n + 1) }; $f(0))', {}, { timeoutMs: 50, maxDepth: 1e9 })).rejects.toThrow(/Expression failed/);
  });
  it('rejects bad syntax with a clear error', async () => {
    await expect(evaluateExpression('a +', {})).rejects.toThrow(/Invalid expression/);
    expect(checkExpression('a +')).toMatch(/end of expression/);
    expect(checkExpression('a + 1')).toBeNull();
    expect(checkExpression('')).toMatch(/empty/);
    expect(checkExpression('('.repeat(20000))).toMatch(/longer/);
    expect(checkExpression('('.repeat(5000) + '1' + ')'.repeat(5000))).not.toBeNull();
  });
});

describe('expressionRootNames', () => {
  const names = (e: string) => expressionRootNames(parseExpressionAst(e)!).sort();
  it('finds root variables only', () => {
    expect(names('amount > 5 and customer.name = "x"')).toEqual(['amount', 'customer']);
    expect(names('invoice.lines[price > 3].qty')).toEqual(['invoice']);
    expect(names('$sum(lines.(qty * price))')).toEqual(['lines']);
    expect(names('function($v){ $v.b + c }(a)')).toEqual(['a']);
    expect(names('{"a": b, "c": $$.d}')).toEqual(['b', 'd']);
    expect(names('items.{ "n": name }')).toEqual(['items']);
    expect(names('($x := 3; $x + a)')).toEqual(['a']);
  });
});

describe('templates', () => {
  it('renders plain text, never HTML', async () => {
    expect(await renderTemplate('Invoice {{ invoice.number }} for {{customer.name}}', { invoice: { number: 'F-1' }, customer: { name: '<b>Ann</b>' } })).toBe(
      'Invoice F-1 for <b>Ann</b>',
    );
    expect(await renderTemplate('{{ missing }}|{{ [1,2] }}|{{ {"a": 1} }}', {})).toBe('|1, 2|{"a":1}');
    expect(await renderTemplate('no placeholders', {})).toBe('no placeholders');
  });
  it('lists and checks placeholders', () => {
    expect(templateExpressions('a {{ x }} b {{y.z}}')).toEqual(['x', 'y.z']);
    expect(checkTemplate('a {{ x + }}')).toMatch(/Placeholder/);
    expect(checkTemplate('a {{ x')).toMatch(/closing/);
    expect(checkTemplate('a {{ x }}')).toBeNull();
  });
});
