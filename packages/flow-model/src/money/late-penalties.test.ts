import { describe, expect, it } from 'vitest';
import { ecbRateOn, latePenalties, type EcbRate } from './late-penalties.ts';

// The ECB main refinancing rates around the cases below (ecb.europa.eu, "Key ECB interest rates").
const ECB: EcbRate[] = [
  { effectiveDate: '2016-03-16', rate: '0.00' },
  { effectiveDate: '2022-07-27', rate: '0.50' },
  { effectiveDate: '2023-06-21', rate: '4.00' },
  { effectiveDate: '2023-09-20', rate: '4.50' },
  { effectiveDate: '2024-06-12', rate: '4.25' },
  { effectiveDate: '2024-09-18', rate: '3.65' },
];
const base = { currency: 'EUR', ecbRates: ECB };

describe('ecbRateOn', () => {
  it('takes the latest rate that took effect on or before the day', () => {
    expect(ecbRateOn(ECB, '2024-06-11')).toBe('4.50');
    expect(ecbRateOn(ECB, '2024-06-12')).toBe('4.25');
    expect(ecbRateOn(ECB, '2010-01-01')).toBeUndefined();
  });
});

describe('latePenalties (L441-10)', () => {
  it('one semester: 1000.00 due 2024-03-31, as of 2024-04-30', () => {
    // Days 2024-04-01..2024-04-30 = 30. Rate on 2024-01-01: 4.50 + 10 = 14.50 %.
    // 1000 × 0.145 × 30 / 365 = 4350 / 365 = 11.9178… → 11.92. Flat 40.00 EUR.
    const p = latePenalties({ ...base, openAmount: '1000.00', dueDate: '2024-03-31', asOf: '2024-04-30' });
    expect(p).toEqual({
      daysLate: 30,
      flat: { amount: '40.00', currency: 'EUR' },
      interest: { amount: '11.92', currency: 'EUR' },
      periods: [{ from: '2024-04-01', to: '2024-04-30', days: 30, rate: '14.5' }],
    });
  });

  it('splits a period that spans 1 July and ignores a cut made within the semester', () => {
    // 2024-06-21..2024-06-30 = 10 days at the rate of 2024-01-01 (4.50 + 10 = 14.50: the 4.25 of 2024-06-12 does
    // not apply before July); 2024-07-01..2024-07-10 = 10 days at the rate of 2024-07-01 (4.25 + 10 = 14.25).
    // 10000 × (0.1450 × 10 + 0.1425 × 10) / 365 = 10000 × 2.875 / 365 = 78.7671… → 78.77.
    const p = latePenalties({ ...base, openAmount: '10000.00', dueDate: '2024-06-20', asOf: '2024-07-10' });
    expect(p?.periods).toEqual([
      { from: '2024-06-21', to: '2024-06-30', days: 10, rate: '14.5' },
      { from: '2024-07-01', to: '2024-07-10', days: 10, rate: '14.25' },
    ]);
    expect(p?.interest.amount).toBe('78.77');
    expect(p?.daysLate).toBe(20);
  });

  it('splits at 1 January', () => {
    // 2023-12-21..2023-12-31 = 11 days at the rate of 2023-07-01 (4.00 + 10 = 14.00);
    // 2024-01-01..2024-01-10 = 10 days at the rate of 2024-01-01 (4.50 + 10 = 14.50).
    // 36500 × (0.14 × 11 + 0.145 × 10) / 365 = 100 × (1.54 + 1.45) = 299.00.
    const p = latePenalties({ ...base, openAmount: '36500.00', dueDate: '2023-12-20', asOf: '2024-01-10' });
    expect(p?.periods.map((x) => [x.days, x.rate])).toEqual([
      [11, '14'],
      [10, '14.5'],
    ]);
    expect(p?.interest.amount).toBe('299.00');
  });

  it('takes the rate in force on 1 July 2022 (0.00), not the 0.50 of 27 July', () => {
    // 2022-07-02..2022-07-31 = 30 days at 0.00 + 10 = 10 %: 1000 × 0.10 × 30 / 365 = 8.2191… → 8.22.
    const p = latePenalties({ ...base, openAmount: '1000.00', dueDate: '2022-07-01', asOf: '2022-07-31' });
    expect(p?.interest.amount).toBe('8.22');
  });

  it('rounds half-up to the cent', () => {
    // Contract rate 36.5 %: interest = amount × days / 1000. 5.00 × 1 / 1000 = 0.005 → 0.01 (half-even: 0.00);
    // 25.00 × 1 / 1000 = 0.025 → 0.03 (half-even: 0.02).
    const one = { ...base, contractRate: '36.5', dueDate: '2024-01-01', asOf: '2024-01-02' };
    expect(latePenalties({ ...one, openAmount: '5.00' })?.interest.amount).toBe('0.01');
    expect(latePenalties({ ...one, openAmount: '25.00' })?.interest.amount).toBe('0.03');
    // 0.004999… stays down: 4.99 × 1 / 1000 = 0.00499 → 0.00.
    expect(latePenalties({ ...one, openAmount: '4.99' })?.interest.amount).toBe('0.00');
  });

  it('uses the contract rate for every day instead of ECB + 10', () => {
    // 12 % over 2024-06-21..2024-07-10 (20 days): 3650.00 × 0.12 × 20 / 365 = 24.00.
    const p = latePenalties({
      ...base,
      openAmount: '3650.00',
      dueDate: '2024-06-20',
      asOf: '2024-07-10',
      contractRate: '12',
    });
    expect(p?.periods.map((x) => x.rate)).toEqual(['12', '12']);
    expect(p?.interest.amount).toBe('24.00');
  });

  it('is null on or before the due date, and refuses a semester without a known ECB rate', () => {
    expect(latePenalties({ ...base, openAmount: '100.00', dueDate: '2024-05-10', asOf: '2024-05-10' })).toBeNull();
    expect(() => latePenalties({ ...base, openAmount: '100.00', dueDate: '2010-01-01', asOf: '2010-02-01' })).toThrow(
      /No ECB rate/,
    );
  });

  it('rounds interest to the currency minor unit (JPY: none)', () => {
    // 100000 JPY × 0.145 × 30 / 365 = 1191.78… → 1192.
    const p = latePenalties({
      ...base,
      currency: 'JPY',
      openAmount: '100000',
      dueDate: '2024-03-31',
      asOf: '2024-04-30',
    });
    expect(p?.interest).toEqual({ amount: '1192', currency: 'JPY' });
  });
});
