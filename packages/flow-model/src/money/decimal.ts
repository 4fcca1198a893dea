import { LedgerflowError } from '../errors.ts';

/**
 * Exact decimals as a scaled BigInt: value = units / 10^scale.
 * Amounts never go through binary floats, so 0.1 + 0.2 is exactly 0.3 and comparisons are exact.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}
export type DecimalInput = string | number | Decimal;
export type RoundingMode = 'halfEven' | 'halfUp' | 'down' | 'up';

export class DecimalError extends LedgerflowError {
  constructor(message: string, input: unknown) {
    super('DECIMAL_INVALID', message, {
      status: 400,
      details: { input: typeof input === 'string' ? input.slice(0, 100) : String(input) },
    });
  }
}

// Bounded so a hostile 1 MB digit string cannot make BigInt arithmetic slow.
const MAX_DIGITS = 100;
const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * The canonical wire shape of an exact decimal ("-12.50"): JSON Schema pattern for schemas and form fields.
 * Parsing is more lenient (".5", "+1", spaces) and `normalizeDecimal` turns that into this shape.
 */
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';
const CANONICAL_RE = new RegExp(DECIMAL_PATTERN);

/**
 * The canonical shape with bounds, for inputs a column must hold (a numeric(20,4) filter: 16 integer digits and 4
 * decimals) and for HTML `pattern` attributes.
 */
export function decimalPattern(opts: { integerDigits?: number; scale?: number; signed?: boolean } = {}): string {
  const int = opts.integerDigits === undefined ? '\\d+' : `\\d{1,${opts.integerDigits}}`;
  const frac = opts.scale === undefined ? '\\d+' : `\\d{1,${opts.scale}}`;
  return `^${opts.signed === false ? '' : '-?'}${int}(\\.${frac})?$`;
}

/** True for the canonical wire shape only (what `Money.amount` accepts); no exponent, no ".5". */
export function isCanonicalDecimal(input: unknown): input is string {
  return typeof input === 'string' && CANONICAL_RE.test(input);
}

export function parseDecimal(input: DecimalInput): Decimal {
  if (typeof input === 'object' && input !== null && typeof input.units === 'bigint' && Number.isInteger(input.scale))
    return input;
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new DecimalError(`${input} is not a finite number`, input);
    if (Number.isInteger(input) && !Number.isSafeInteger(input))
      throw new DecimalError(`${input} is beyond the safe integer range; pass the amount as a decimal string`, input);
    text = String(input);
    // String(1e-7) is "1e-7": the float has no short exact decimal form, so refuse rather than guess.
    if (/e/i.test(text))
      throw new DecimalError(`${text} cannot be represented exactly; pass the amount as a decimal string`, input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    throw new DecimalError(`Expected a decimal string or number, got ${input === null ? 'null' : typeof input}`, input);
  }
  const m = DECIMAL_RE.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    throw new DecimalError(
      `'${text.slice(0, 40)}' is not a decimal number (expected digits with an optional '.' fraction, no exponent)`,
      input,
    );
  }
  const intPart = m[2] || '0';
  const frac = m[3] ?? '';
  if (intPart.length + frac.length > MAX_DIGITS)
    throw new DecimalError(`Decimal has more than ${MAX_DIGITS} digits`, input);
  const units = BigInt(intPart + frac) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

export function isDecimal(input: unknown): boolean {
  try {
    parseDecimal(input as DecimalInput);
    return true;
  } catch {
    return false;
  }
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export function compareDecimal(a: DecimalInput, b: DecimalInput): -1 | 0 | 1 {
  const [x, y] = align(parseDecimal(a), parseDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The canonical text of an input with its scale kept (".50" -> "0.50", "-.5" -> "-0.5", "+7" -> "7"): amounts keep
 * the precision their source gave them. Throws DecimalError on anything that is not a decimal.
 */
export function normalizeDecimal(input: DecimalInput): string {
  const d = parseDecimal(input);
  return formatDecimal(d, d.scale);
}

export function negateDecimal(input: DecimalInput): string {
  const d = parseDecimal(input);
  return formatDecimal({ units: -d.units, scale: d.scale }, d.scale);
}

export function absDecimal(input: DecimalInput): string {
  const d = parseDecimal(input);
  return formatDecimal({ units: d.units < 0n ? -d.units : d.units, scale: d.scale }, d.scale);
}

export function signOfDecimal(input: DecimalInput): -1 | 0 | 1 {
  const u = parseDecimal(input).units;
  return u < 0n ? -1 : u > 0n ? 1 : 0;
}

/** Canonical text: no exponent, no trailing fractional zeros beyond `minScale`. */
export function formatDecimal(d: Decimal, minScale = 0): string {
  let { units, scale } = d;
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  if (scale < minScale) {
    units *= pow10(minScale - scale);
    scale = minScale;
  }
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${body}` : body;
}

export function addDecimal(a: DecimalInput, b: DecimalInput): string {
  const [x, y, scale] = align(parseDecimal(a), parseDecimal(b));
  return formatDecimal({ units: x + y, scale });
}

export function subtractDecimal(a: DecimalInput, b: DecimalInput): string {
  const [x, y, scale] = align(parseDecimal(a), parseDecimal(b));
  return formatDecimal({ units: x - y, scale });
}

/** Divides by 10^drop with the given rounding; the one place where precision is lost, always explicitly. */
function roundUnits(units: bigint, drop: number, mode: RoundingMode): bigint {
  if (drop <= 0) return units * pow10(-drop);
  const div = pow10(drop);
  const q = units / div; // truncates toward zero
  const r = units % div;
  if (r === 0n) return q;
  const sign = units < 0n ? -1n : 1n;
  const absR2 = (r < 0n ? -r : r) * 2n;
  if (mode === 'down') return q;
  if (mode === 'up') return q + sign;
  if (absR2 > div) return q + sign;
  if (absR2 < div) return q;
  if (mode === 'halfUp') return q + sign;
  return q % 2n === 0n ? q : q + sign;
}

export function roundDecimal(a: DecimalInput, scale: number, mode: RoundingMode = 'halfEven'): string {
  if (!Number.isInteger(scale) || scale < 0 || scale > 30) throw new DecimalError(`Invalid scale ${scale}`, scale);
  const d = parseDecimal(a);
  return formatDecimal({ units: roundUnits(d.units, d.scale - scale, mode), scale }, scale);
}

/**
 * Exact product, then rounded to `scale` fraction digits (default: the scale of `a`, i.e. the amount's precision).
 * Rounding is half-even unless told otherwise, the banker's default for accounting.
 */
export function multiplyDecimal(
  a: DecimalInput,
  b: DecimalInput,
  opts: { scale?: number; rounding?: RoundingMode } = {},
): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const product: Decimal = { units: x.units * y.units, scale: x.scale + y.scale };
  return roundDecimal(product, opts.scale ?? x.scale, opts.rounding ?? 'halfEven');
}

/** Exact sum that keeps the largest scale of its terms ("1.10" + "2.20" = "3.30"), as ledgers print amounts. */
export function sumDecimals(values: readonly DecimalInput[], minScale = 0): string {
  let total = '0';
  let scale = minScale;
  for (const v of values) {
    const d = parseDecimal(v);
    scale = Math.max(scale, d.scale);
    total = addDecimal(total, d);
  }
  return formatDecimal(parseDecimal(total), scale);
}
