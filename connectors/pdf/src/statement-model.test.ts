import { describe, expect, it } from 'vitest';
import { formatMoney, sumDecimals } from '@ledgerflow/flow-model';
import { bucketOf, buildStatement, daysBetween, todayIn, type OpenItem } from './statement-model.ts';

const item = (
  documentNumber: string,
  dueDate: string,
  amount: string,
  currency = 'EUR',
  type: OpenItem['type'] = 'invoice',
): OpenItem => ({ documentNumber, type, documentDate: '2024-01-01', dueDate, amount, currency });
const customer = { name: 'ACME', number: 'C1', language: 'en' as const };

describe('exact sums', () => {
  it('adds without float error and keeps scale', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['0.1', '0.2'], 2)).toBe('0.30');
    expect(sumDecimals(Array.from({ length: 10 }, () => '0.10'))).toBe('1.00');
    expect(sumDecimals(['99999999999999999.99', '0.01'])).toBe('100000000000000000.00');
    expect(sumDecimals(['-5.5', '2.25'])).toBe('-3.25');
    expect(sumDecimals([], 2)).toBe('0.00');
  });
});

describe('aging buckets', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '>90'],
  ])('%i days overdue → %s', (d, b) => expect(bucketOf(d)).toBe(b));

  it('counts calendar days across DST and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
  });

  it('takes today in the statement time zone', () => {
    const now = new Date('2024-12-31T23:30:00Z');
    expect(todayIn('Europe/Paris', now)).toBe('2025-01-01');
    expect(todayIn('America/New_York', now)).toBe('2024-12-31');
  });
});

describe('buildStatement', () => {
  it('sums per currency and bucket, credit memos negative', () => {
    const m = buildStatement({
      customer,
      timezone: 'UTC',
      statementDate: '2024-12-31',
      openItems: [
        item('A', '2024-12-31', '0.1'),
        item('B', '2024-12-30', '0.2'),
        item('C', '2024-12-01', '100.00'),
        item('D', '2024-11-30', '50', 'EUR', 'creditMemo'),
        item('E', '2024-10-02', '10.005'),
        item('F', '2024-10-01', '1'),
        item('G', '2024-09-01', '7', 'USD'),
        item('H', '2024-09-01', '-3', 'USD', 'creditMemo'),
      ],
    });
    expect(m.lines.map((l) => [l.documentNumber, l.daysOverdue, l.bucket])).toEqual([
      ['F', 91, '>90'],
      ['E', 90, '61-90'],
      ['D', 31, '31-60'],
      ['C', 30, '1-30'],
      ['B', 1, '1-30'],
      ['A', 0, 'current'],
      ['G', 121, '>90'],
      ['H', 121, '>90'],
    ]);
    expect(m.byCurrency).toEqual([
      {
        currency: 'EUR',
        total: '61.305',
        aging: { current: '0.10', '1-30': '100.20', '31-60': '-50.00', '61-90': '10.005', '>90': '1.00' },
      },
      {
        currency: 'USD',
        total: '4.00',
        aging: { current: '0.00', '1-30': '0.00', '31-60': '0.00', '61-90': '0.00', '>90': '4.00' },
      },
    ]);
  });
});

describe('formatMoney as statements use it (every digit kept)', () => {
  const money = (a: string, c: string, l: 'fr' | 'en') => formatMoney(a, c, l, { digits: 'keep' });
  it('formats per locale from the exact string', () => {
    expect(money('1234.56', 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(money('1234.56', 'EUR', 'en')).toBe('€1,234.56');
    expect(money('-0.3', 'USD', 'en')).toBe('-$0.30');
    expect(money('12345678901234567.89', 'EUR', 'en')).toBe('€12,345,678,901,234,567.89');
    expect(money('10.005', 'EUR', 'en')).toBe('€10.005');
    expect(money('1250', 'JPY', 'en')).toBe('¥1,250');
  });
});
