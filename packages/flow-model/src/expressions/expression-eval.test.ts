import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  evaluateExpression,
  expressionRootNames,
  parseExpressionAst,
  ExpressionError,
} from './expression-eval.ts';
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
    await expect(
      evaluateExpression(
        '($f := function($n){ $n > 1e9 ? 0 : $f($n + 1) }; $f(0))',
        {},
        { timeoutMs: 50, maxDepth: 1e9 },
      ),
    ).rejects.toThrow(/Expression failed/);
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
    // A transform's update reads the matched object, not the run.
    expect(names("record ~> |$|{'paid': amountRemaining = 0}, ['draft']|")).toEqual(['record']);
  });
});

describe('templates', () => {
  it('renders plain text, never HTML', async () => {
    expect(
      await renderTemplate('Invoice {{ invoice.number }} for {{customer.name}}', {
        invoice: { number: 'F-1' },
        customer: { name: '<b>Ann</b>' },
      }),
    ).toBe('Invoice F-1 for <b>Ann</b>');
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

describe('date functions', () => {
  // 23:30 UTC on 31 Dec is already the 1st of January in Paris: the business day is local.
  const now = new Date('2026-12-31T23:30:00Z');
  it('$today() is the date in the flow timezone, or in the one named', async () => {
    expect(await evaluateExpression('$today()', {}, { now, timezone: 'Europe/Paris' })).toBe('2027-01-01');
    expect(await evaluateExpression('$today()', {}, { now })).toBe('2026-12-31');
    expect(await evaluateExpression("$today('America/New_York')", {}, { now, timezone: 'Europe/Paris' })).toBe(
      '2026-12-31',
    );
    await expect(evaluateExpression("$today('Mars/Olympus')", {}, { now })).rejects.toThrow(
      /'Mars\/Olympus' is not an IANA timezone/,
    );
  });
  it('$daysBetween counts whole civil days, across leap days and DST changes', async () => {
    expect(
      await evaluateExpression(
        '$daysBetween(dueDate, $today())',
        { dueDate: '2026-12-01' },
        { now, timezone: 'Europe/Paris' },
      ),
    ).toBe(31);
    expect(await evaluateExpression("$daysBetween('2028-02-28', '2028-03-01')", {})).toBe(2);
    expect(await evaluateExpression("$daysBetween('2026-03-28', '2026-03-30T10:00:00+02:00')", {})).toBe(2);
    expect(await evaluateExpression("$daysBetween('2026-03-30', '2026-03-28')", {})).toBe(-2);
    await expect(evaluateExpression("$daysBetween('30/03/2026', '2026-03-28')", {})).rejects.toThrow(
      /from '30\/03\/2026' is not an ISO date/,
    );
  });
});

describe('working-day functions', () => {
  it('$addWorkingDays counts the flow calendar forward and back, skipping weekends and holidays', async () => {
    // Fri 13 Nov 2026 back 5 working days: Thu 12, Tue 10, Mon 9, Fri 6, Thu 5 (Armistice, Wed 11, is a French holiday).
    expect(await evaluateExpression("$addWorkingDays('2026-11-13', -5)", {}, { calendar: 'FR' })).toBe('2026-11-05');
    // Thu 24 Dec + 1 working day skips Christmas and the weekend: Mon 28 Dec.
    expect(
      await evaluateExpression('$addWorkingDays(promised, 1)', { promised: '2026-12-24' }, { calendar: 'FR' }),
    ).toBe('2026-12-28');
    expect(await evaluateExpression("$addWorkingDays('2026-12-24T10:00:00+01:00', 0)", {}, { calendar: 'FR' })).toBe(
      '2026-12-24',
    );
    expect(await evaluateExpression("$isWorkingDay('2026-07-14')", {}, { calendar: 'FR' })).toBe(false);
    expect(await evaluateExpression("$isWorkingDay('2026-07-14')", {}, { calendar: 'GB' })).toBe(true);
    await expect(evaluateExpression("$addWorkingDays('soon', 1)", {})).rejects.toThrow(/'soon' is not an ISO date/);
    await expect(evaluateExpression("$addWorkingDays('2026-01-05', 1.5)", {})).rejects.toThrow(/not a whole number/);
  });
});
