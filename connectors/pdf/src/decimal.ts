// Exact decimal arithmetic on strings via BigInt: statement totals must never pick up float
// error (0.1 + 0.2 must print 0.30, not 0.30000000000000004).

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export interface Scaled {
  units: bigint;
  scale: number;
}

export function parseDecimal(s: string): Scaled {
  const m = DECIMAL.exec(s.trim());
  if (!m) throw new RangeError(`not a decimal string: '${s}'`);
  const [, sign, int = '0', frac = ''] = m;
  const units = BigInt(int + frac);
  return { units: sign === '-' ? -units : units, scale: frac.length };
}

function rescale(a: Scaled, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

export function formatScaled(a: Scaled): string {
  const neg = a.units < 0n;
  const digits = (neg ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const int = digits.slice(0, digits.length - a.scale);
  const frac = a.scale ? `.${digits.slice(digits.length - a.scale)}` : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** Sum at the largest scale of the operands, with at least `minScale` decimals in the result. */
export function sumDecimals(values: string[], minScale = 0): string {
  const parsed = values.map(parseDecimal);
  const scale = Math.max(minScale, ...parsed.map((p) => p.scale));
  return formatScaled({ units: parsed.reduce((acc, p) => acc + rescale(p, scale), 0n), scale });
}

export function negateDecimal(s: string): string {
  const p = parseDecimal(s);
  return formatScaled({ units: -p.units, scale: p.scale });
}

export function signOf(s: string): -1 | 0 | 1 {
  const u = parseDecimal(s).units;
  return u < 0n ? -1 : u > 0n ? 1 : 0;
}
