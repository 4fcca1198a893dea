import { describe, expect, it } from 'vitest';
import { pgTextArray } from './pg-array.ts';

describe('pgTextArray', () => {
  it('quotes and escapes every element', () => {
    expect(pgTextArray([])).toBe('{}');
    expect(pgTextArray(['a', 'b c'])).toBe('{"a","b c"}');
    expect(pgTextArray(['say "hi"', 'back\\slash', 'a,b', '{x}'])).toBe('{"say \\"hi\\"","back\\\\slash","a,b","{x}"}');
  });
});
