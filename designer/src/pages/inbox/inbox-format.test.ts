import { describe, expect, it } from 'vitest';
import { formatMoneyOrMissing } from '@ledgerflow/flow-model';
import { formatAmount } from './inbox-i18n.ts';

describe('inbox amounts', () => {
  it('use the currency digits: JPY has none, EUR two, KWD three', () => {
    expect(formatAmount('1250.0000', 'JPY', 'en')).toBe('1,250 JPY');
    expect(formatAmount('1250.5', 'JPY', 'fr')).toBe('1\u202f250 JPY');
    expect(formatAmount('18250.5000', 'EUR', 'en')).toBe('18,250.50 EUR');
    expect(formatAmount('-0.125', 'KWD', 'en')).toBe('-0.125 KWD');
    expect(formatAmount('12345678901234567.89', 'USD', 'en')).toBe('12,345,678,901,234,567.89 USD');
  });

  it('show a missing amount as a dash and a missing currency as the generic sign, never a guessed one', () => {
    expect(formatAmount(null, 'EUR', 'en')).toBe('—');
    const noCurrency = formatAmount('1234.5', null, 'en');
    expect(noCurrency).toBe('¤1,234.5');
    expect(noCurrency).not.toMatch(/EUR|€/);
  });

  it('prints the same as the designer screens (one formatter)', () => {
    expect(formatMoneyOrMissing('1250', 'JPY', 'en')).toBe('¥1,250');
    expect(formatMoneyOrMissing('1250', 'JPY', 'en', { display: 'code' })).toBe(formatAmount('1250', 'JPY', 'en'));
  });
});
