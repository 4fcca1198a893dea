import { compareDecimal, isCanonicalDecimal, parseDecimal, type Decimal } from '../money/decimal.ts';
import { dayNumber, parseDateValue, type ParsedDate } from '../calendar/zoned-time.ts';

export interface RuleContext {
  now: Date;
  /** Timezone for date-only and offset-less values, e.g. Europe/Paris. */
  timezone: string;
}

interface Amount {
  value: Decimal;
  currency?: string;
}

/** Reads an amount: decimal string, safe number or Money `{ amount, currency }`. Null when not an amount. */
export function readAmount(v: unknown): Amount | null {
  try {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'amount' in v) {
      const m = v as { amount: unknown; currency?: unknown };
      const currency = typeof m.currency === 'string' ? m.currency : undefined;
      return { value: parseDecimal(m.amount as string), currency };
    }
    if (typeof v === 'string' || typeof v === 'number') return { value: parseDecimal(v) };
  } catch {
    return null;
  }
  return null;
}

function amountCompare(fact: unknown, value: unknown): number | null {
  const a = readAmount(fact);
  const b = readAmount(value);
  if (!a || !b) return null;
  // Comparing euros to dollars has no answer: every comparison is false, and the trace says why.
  if (a.currency && b.currency && a.currency !== b.currency) return null;
  return compareDecimal(a.value, b.value);
}

export function foldText(v: unknown): string | null {
  if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
  if (typeof v !== 'string') return null;
  return v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

// User regexes run against user data: keep both short so a catastrophic pattern stays cheap.
const MAX_PATTERN = 200;
export const MAX_SUBJECT = 10_000;

// Nested quantifiers like (a+)+ backtrack exponentially; without a linear-time engine we refuse them.
const NESTED_QUANTIFIER = /\([^)]*[+*}][^)]*\)\s*[+*{]/;

export function safeRegex(pattern: unknown): RegExp | null {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN || NESTED_QUANTIFIER.test(pattern)) return null;
  try {
    return new RegExp(foldText(pattern) ?? '', 'iu');
  } catch {
    return null;
  }
}

type OperatorFn = (fact: unknown, value: unknown) => boolean;

export function customOperators(ctx: RuleContext): Record<string, OperatorFn> {
  const date = (v: unknown): ParsedDate | null => parseDateValue(v, ctx.timezone);
  const dateCmp = (fact: unknown, value: unknown): number | null => {
    const a = date(fact);
    const b = date(value);
    if (!a || !b) return null;
    // A date-only side means "that calendar day": compare days, not midnight instants.
    if (a.dateOnly || b.dateOnly) return Math.sign(dayNumber(a.local) - dayNumber(b.local));
    return Math.sign(a.instant.getTime() - b.instant.getTime());
  };
  const amount =
    (test: (c: number) => boolean): OperatorFn =>
    (f, v) => {
      const c = amountCompare(f, v);
      return c !== null && test(c);
    };
  const dates =
    (test: (c: number) => boolean): OperatorFn =>
    (f, v) => {
      const c = dateCmp(f, v);
      return c !== null && test(c);
    };
  const text =
    (test: (f: string, v: string) => boolean): OperatorFn =>
    (f, v) => {
      const a = foldText(f);
      const b = foldText(v);
      return a !== null && b !== null && test(a, b);
    };
  return {
    amountEq: amount((c) => c === 0),
    amountGt: amount((c) => c > 0),
    amountGte: amount((c) => c >= 0),
    amountLt: amount((c) => c < 0),
    amountLte: amount((c) => c <= 0),
    dateBefore: dates((c) => c < 0),
    dateAfter: dates((c) => c > 0),
    dateOnOrBefore: dates((c) => c <= 0),
    dateOnOrAfter: dates((c) => c >= 0),
    // Elapsed time since the fact; a date-only fact counts from the start of that day in the flow timezone.
    olderThanDays: (f, v) => {
      const d = date(f);
      const days = typeof v === 'number' ? v : isCanonicalDecimal(v) && !v.startsWith('-') ? Number(v) : NaN;
      return d !== null && Number.isFinite(days) && ctx.now.getTime() - d.instant.getTime() > days * 86_400_000;
    },
    textEquals: text((a, b) => a === b),
    textContains: text((a, b) => a.includes(b)),
    startsWith: text((a, b) => a.startsWith(b)),
    endsWith: text((a, b) => a.endsWith(b)),
    matches: (f, v) => {
      const re = safeRegex(v);
      const s = foldText(f);
      return re !== null && s !== null && s.length <= MAX_SUBJECT && re.test(s);
    },
    isEmpty: (f) => isEmptyValue(f),
    isNotEmpty: (f) => !isEmptyValue(f),
  };
}

/** Why a leaf was false for a reason other than the data (bad amount, currency mismatch, bad date). */
export function leafNote(operator: string, fact: unknown, value: unknown, ctx: RuleContext): string | undefined {
  if (operator.startsWith('amount')) {
    const a = readAmount(fact);
    const b = readAmount(value);
    if (!a) return fact === undefined || fact === null ? 'fact has no value' : 'fact is not a decimal amount';
    if (!b) return 'expected value is not a decimal amount';
    if (a.currency && b.currency && a.currency !== b.currency)
      return `currency mismatch: ${a.currency} vs ${b.currency}, not comparable`;
  } else if (operator.startsWith('date') || operator === 'olderThanDays') {
    if (!parseDateValue(fact, ctx.timezone))
      return fact === undefined || fact === null ? 'fact has no value' : 'fact is not a date';
    if (operator !== 'olderThanDays' && !parseDateValue(value, ctx.timezone)) return 'expected value is not a date';
  } else if (operator === 'matches' && !safeRegex(value)) {
    return 'invalid, too long or catastrophically backtracking regular expression';
  }
  return undefined;
}
