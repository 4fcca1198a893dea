/** Exact decimal addition on strings (BigInt). Replace with flow-model's helpers once exported. */
function split(s: string): { int: bigint; scale: number } {
  const neg = s.startsWith('-');
  const [i = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt((i || '0') + f);
  return { int: neg ? -v : v, scale: f.length };
}

export function addDecimals(a: string, b: string): string {
  const x = split(a);
  const y = split(b);
  const scale = Math.max(x.scale, y.scale);
  const sum = x.int * 10n ** BigInt(scale - x.scale) + y.int * 10n ** BigInt(scale - y.scale);
  const neg = sum < 0n;
  const digits = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${out}` : out;
}

const DEC = /^-?\d*\.?\d+$/;

export function toDecimal(v: unknown): string {
  const s = String(v ?? '0').trim();
  if (!DEC.test(s)) throw new TypeError(`not a decimal: ${s}`);
  return s.startsWith('.') ? `0${s}` : s.startsWith('-.') ? `-0${s.slice(1)}` : s;
}

export function negate(s: string): string {
  return s.startsWith('-') ? s.slice(1) : /^0*\.?0*$/.test(s) ? s : `-${s}`;
}
