import { describe, expect, it } from 'vitest';
import { parseExactJson, sumDecimals } from '@ledgerflow/flow-model';
import { normalizeEntity, parseODataDate } from './json.ts';
import { and, cmp, filterText, keyPredicate, lit, or } from './literals.ts';
import { parseSapError } from './errors.ts';

describe('OData v2 literals', () => {
  it('doubles quotes in strings so values cannot escape the literal', () => {
    expect(filterText(cmp('CustomerName', 'eq', lit.string("O'Brien")))).toBe("CustomerName eq 'O''Brien'");
    expect(filterText(cmp('X', 'eq', lit.string("a' or 1 eq 1 or 'b")))).toBe("X eq 'a'' or 1 eq 1 or ''b'");
  });
  it('writes typed literals', () => {
    expect(lit.datetime('2024-06-15T12:34:56.789Z').__literal).toBe("datetime'2024-06-15T12:34:56'");
    expect(lit.datetimeoffset('2024-06-15T12:34:56+02:00').__literal).toBe("datetimeoffset'2024-06-15T10:34:56Z'");
    expect(lit.decimal('12.50').__literal).toBe('12.50M');
    expect(lit.guid('0894EF45-7741-1EEA-A9A5-8C1A4E5A0C0F').__literal).toBe(
      "guid'0894ef45-7741-1eea-a9a5-8c1a4e5a0c0f'",
    );
    expect(() => lit.decimal('1e5')).toThrow();
    expect(() => lit.guid("x' or '1")).toThrow();
    expect(() => cmp('A eq 1 or B', 'eq', lit.int(1))).toThrow();
  });
  it('combines expressions with parentheses and skips empty parts', () => {
    expect(
      filterText(
        and(cmp('A', 'eq', lit.int(1)), false, or(cmp('B', 'ne', lit.string('C')), cmp('B', 'eq', lit.bool(true)))),
      ),
    ).toBe("(A eq 1) and ((B ne 'C') or (B eq true))");
    expect(filterText(and())).toBeUndefined();
  });
  it('builds key predicates', () => {
    expect(keyPredicate({ BillingDocument: lit.string('90000001') })).toBe("('90000001')");
    expect(keyPredicate({ A: lit.string('1/2'), B: lit.string('x') })).toBe("(A='1%2F2',B='x')");
  });
});

describe('OData v2 JSON', () => {
  it('keeps numbers as their exact text', () => {
    // The client reads bodies as json('text'): every number is exact decimal text, exponents written out.
    const v = parseExactJson(
      '{"a":12345678901234.567891,"b":1234.5,"c":"7","d":true,"e":1e3,"f":42}',
      'text',
    ) as Record<string, unknown>;
    expect(v).toEqual({ a: '12345678901234.567891', b: '1234.5', c: '7', d: true, e: '1000', f: '42' });
  });
  it('parses /Date()/ and datetime literals to ISO with zone', () => {
    expect(parseODataDate('/Date(1718409600000)/')).toBe('2024-06-15T00:00:00.000Z');
    expect(parseODataDate('/Date(1718409600000+0000)/')).toBe('2024-06-15T00:00:00.000Z');
    expect(parseODataDate('/Date(1718409600000+0060)/')).toBe('2024-06-15T01:00:00.000+01:00');
    expect(parseODataDate('/Date(1718409600000-0330)/')).toBe('2024-06-14T18:30:00.000-05:30');
    expect(parseODataDate('/Date(-86400000)/')).toBe('1969-12-31T00:00:00.000Z');
    expect(parseODataDate("datetime'2024-06-15T10:00:00'")).toBe('2024-06-15T10:00:00.000Z');
    expect(parseODataDate("datetimeoffset'2024-06-15T10:00:00+02:00'")).toBe('2024-06-15T10:00:00+02:00');
    expect(parseODataDate('nope')).toBeUndefined();
  });
  it('normalizes entities: expanded results, metadata etag, dates', () => {
    const e = normalizeEntity({
      __metadata: { uri: 'x', etag: 'W/"1"' },
      A: '/Date(0)/',
      to_Item: { results: [{ B: '1.50', __metadata: {} }] },
      to_Partner: { __deferred: { uri: 'x' } },
    });
    expect(e).toEqual({
      etag: 'W/"1"',
      A: '1970-01-01T00:00:00.000Z',
      to_Item: [{ B: '1.50' }],
      to_Partner: undefined,
    });
  });
});

describe('helpers', () => {
  it('adds decimals exactly', () => {
    expect(sumDecimals(['12345678901234.56', '0.01'])).toBe('12345678901234.57');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['-5.5', '2.25'])).toBe('-3.25');
    expect(sumDecimals(['-0.5', '0.25'])).toBe('-0.25');
  });
  it('reads SAP error bodies', () => {
    const e = parseSapError(
      JSON.stringify({
        error: {
          code: 'V1/012',
          message: { lang: 'en', value: 'Bad' },
          innererror: { errordetails: [{ code: 'V1/099', message: 'Not saved', severity: 'error' }] },
        },
      }),
    );
    expect(e).toMatchObject({ code: 'V1/012', message: 'Bad', details: [{ code: 'V1/099', message: 'Not saved' }] });
    expect(parseSapError('<html/>')).toBeUndefined();
  });
});
