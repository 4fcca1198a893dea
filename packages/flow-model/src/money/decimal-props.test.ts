import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDecimal, compareDecimal, multiplyDecimal, parseDecimal, subtractDecimal } from './decimal.ts';

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }))
  .map(([neg, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const body = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return neg && units !== 0n ? `-${body}` : body;
  });

describe('decimal properties', () => {
  it('(a + b) - b = a, exactly', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        expect(compareDecimal(subtractDecimal(addDecimal(a, b), b), a)).toBe(0);
      }),
    );
  });
  it('compare is antisymmetric and agrees with subtraction sign', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        expect(compareDecimal(a, b)).toBe(-compareDecimal(b, a) || 0);
        expect(compareDecimal(subtractDecimal(a, b), '0')).toBe(compareDecimal(a, b));
      }),
    );
  });
  it('multiplying by 1 at the same scale is the identity; rounding error is at most half a unit', () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 6 }), (a, b, scale) => {
        expect(compareDecimal(multiplyDecimal(a, '1'), a)).toBe(0);
        const exact = multiplyDecimal(a, b, { scale: 30 });
        const rounded = multiplyDecimal(a, b, { scale });
        const err = parseDecimal(subtractDecimal(rounded, exact));
        const half = { units: 5n, scale: scale + 1 };
        expect(
          compareDecimal(err.units < 0n ? { units: -err.units, scale: err.scale } : err, half),
        ).toBeLessThanOrEqual(0);
      }),
    );
  });
});
