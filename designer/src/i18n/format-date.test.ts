import { describe, expect, it } from 'vitest';
import { dateFormat } from './format-date.ts';

describe('dateFormat', () => {
  it('writes days in the user language, whatever the browser timezone', () => {
    expect(dateFormat('fr').day('2026-12-07')).toBe('7 déc. 2026');
    expect(dateFormat('en').day('2026-12-07T23:30:00Z')).toBe('7 Dec 2026');
  });
  it('writes instants with a time, and leaves what is not a date as it is', () => {
    expect(dateFormat('fr').instant('2026-12-07T13:20:00Z')).toMatch(/^\d+ déc\. 2026,? (à )?\d\d:\d\d$/);
    expect(dateFormat('en').instant('soon')).toBe('soon');
    expect(dateFormat('en').instant(null)).toBe('');
  });
});
