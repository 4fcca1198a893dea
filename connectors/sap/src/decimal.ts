/**
 * Exact decimal addition on strings via BigInt. flow-model does not export money helpers yet;
 * switch to them once it does.
 */
function split(s: string): { int: bigint; scale: number } {
  const neg = s.startsWith('-');
  const [i = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(i + f || '0');
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
