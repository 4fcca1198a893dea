// Late-payment penalties between French businesses (Code de commerce L441-10): a flat indemnity per late invoice and
// interest at the ECB main refinancing rate plus 10 points (or the contract's rate), by the semester convention.
import { LedgerflowError } from '../errors.ts';
import { addDays, dayNumber, daysInMonth, isoDate, type LocalDate } from '../calendar/zoned-time.ts';
import { currencyDigits, requireCurrency } from './currency.ts';
import { addDecimal, formatDecimal, parseDecimal, type DecimalInput } from './decimal.ts';

/** An ECB main refinancing rate in percent ("4.50"), in force from `effectiveDate` ('YYYY-MM-DD') on. */
export interface EcbRate {
  effectiveDate: string;
  rate: string;
}

export interface LatePenaltyInput {
  /** What is still open on the invoice, positive, in `currency`. */
  openAmount: DecimalInput;
  currency: string;
  /** The (effective) due date: interest runs from the day after it. 'YYYY-MM-DD'. */
  dueDate: string;
  /** The last day counted, inclusive. 'YYYY-MM-DD'. */
  asOf: string;
  /** Any order; the rate of a semester is the one in force on its first day. */
  ecbRates: readonly EcbRate[];
  /** An annual percent rate the contract sets: replaces ECB + margin for every day. */
  contractRate?: DecimalInput;
  /** Points added to the ECB rate; 10 by law. */
  margin?: DecimalInput;
  /** The flat indemnity in EUR; 40 by law (D441-5). */
  flatAmount?: DecimalInput;
}

export interface PenaltyPeriod {
  from: string;
  to: string;
  days: number;
  /** Annual percent applied to the period's days. */
  rate: string;
}

export interface LatePenalty {
  daysLate: number;
  flat: { amount: string; currency: 'EUR' };
  interest: { amount: string; currency: string };
  periods: PenaltyPeriod[];
}

// Rates are held at 4 decimals (ecb_rates.rate is numeric(7,4)): every period's rate is aligned to this scale so
// the periods' interests add up exactly before the one rounding.
const RATE_SCALE = 4;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// A civil date read without timezone machinery: penalties are counted in calendar days, and a batch has many.
function localDate(text: string, field: string): LocalDate {
  const m = DAY.exec(text);
  const d = m ? { year: +m[1]!, month: +m[2]!, day: +m[3]! } : null;
  if (!d || d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month))
    throw new LedgerflowError('VALIDATION_FAILED', `${field} must be a date 'YYYY-MM-DD', got '${text}'`, {
      status: 400,
      details: { field },
    });
  return d;
}

function unitsAt(value: DecimalInput, scale: number): bigint {
  const d = parseDecimal(value);
  if (d.scale > scale)
    throw new LedgerflowError('DECIMAL_INVALID', `a rate has at most ${scale} decimals`, {
      status: 400,
      details: { input: String(value) },
    });
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** n / d rounded half-up (away from zero on a tie) to an integer. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
}

/** The ECB rate in force on a day: the latest effective date on or before it. */
export function ecbRateOn(rates: readonly EcbRate[], day: string): string | undefined {
  let best: EcbRate | undefined;
  for (const r of rates) if (r.effectiveDate <= day && (!best || r.effectiveDate > best.effectiveDate)) best = r;
  return best?.rate;
}

/**
 * The days from the day after `dueDate` to `asOf`, split at 1 January and 1 July: each part's rate is the ECB rate
 * in force on its semester's first day plus the margin, unless the contract sets a rate.
 */
export function penaltyPeriods(
  input: Omit<LatePenaltyInput, 'openAmount' | 'currency' | 'flatAmount'>,
): PenaltyPeriod[] {
  const due = localDate(input.dueDate, 'dueDate');
  const last = dayNumber(localDate(input.asOf, 'asOf'));
  const margin = input.margin ?? '10';
  const periods: PenaltyPeriod[] = [];
  let start = addDays(due, 1);
  while (dayNumber(start) <= last) {
    const firstHalf = start.month <= 6;
    const semesterStart = { year: start.year, month: firstHalf ? 1 : 7, day: 1 };
    const semesterEnd = { year: start.year, month: firstHalf ? 6 : 12, day: firstHalf ? 30 : 31 };
    const end = dayNumber(semesterEnd) < last ? semesterEnd : addDays(start, last - dayNumber(start));
    let rate: string;
    if (input.contractRate !== undefined) rate = formatDecimal(parseDecimal(input.contractRate));
    else {
      const ecb = ecbRateOn(input.ecbRates, isoDate(semesterStart));
      if (ecb === undefined)
        throw new LedgerflowError('ECB_RATE_MISSING', `No ECB rate is known on ${isoDate(semesterStart)}`, {
          status: 400,
          details: { date: isoDate(semesterStart) },
        });
      rate = addDecimal(ecb, margin);
    }
    periods.push({ from: isoDate(start), to: isoDate(end), days: dayNumber(end) - dayNumber(start) + 1, rate });
    start = addDays(end, 1);
  }
  return periods;
}

export type PenaltyTerms = Pick<LatePenaltyInput, 'asOf' | 'ecbRates' | 'contractRate' | 'margin' | 'flatAmount'>;

/**
 * L441-10 penalties of many invoices as of one day: the periods and their rates depend only on the due date, so they
 * are worked out once per due date and each invoice costs a few integer operations (a batch has ~a million).
 */
export function latePenaltyCalculator(
  terms: PenaltyTerms,
): (openAmount: DecimalInput, currency: string, dueDate: string) => LatePenalty | null {
  const flat = { amount: formatDecimal(parseDecimal(terms.flatAmount ?? '40'), 2), currency: 'EUR' as const };
  const byDue = new Map<string, { periods: PenaltyPeriod[]; rateDays: bigint; days: number }>();
  return (openAmount, currency, dueDate) => {
    let due = byDue.get(dueDate);
    if (!due) {
      const periods = penaltyPeriods({ ...terms, dueDate });
      // Σ rate × days at RATE_SCALE: the interest is amount × rateDays / (365 × 100 × 10^RATE_SCALE).
      let rateDays = 0n;
      for (const p of periods) rateDays += unitsAt(p.rate, RATE_SCALE) * BigInt(p.days);
      due = { periods, rateDays, days: periods.reduce((n, p) => n + p.days, 0) };
      byDue.set(dueDate, due);
    }
    if (due.days === 0) return null;
    const code = requireCurrency(currency);
    const amount = parseDecimal(openAmount);
    const digits = currencyDigits(code);
    const denominator = 36_500n * 10n ** BigInt(amount.scale + RATE_SCALE);
    const units = divideHalfUp(amount.units * due.rateDays * 10n ** BigInt(digits), denominator);
    return {
      daysLate: due.days,
      flat,
      interest: { amount: formatDecimal({ units, scale: digits }, digits), currency: code },
      periods: due.periods,
    };
  };
}

/**
 * L441-10 penalties of one invoice as of a day, or null when it is not late. Interest = open amount × rate × days /
 * 365 summed exactly over the periods, then rounded half-up to the currency's minor unit once; the flat part is
 * per late invoice, whatever its amount.
 */
export function latePenalties(input: LatePenaltyInput): LatePenalty | null {
  return latePenaltyCalculator(input)(input.openAmount, input.currency, input.dueDate);
}
