/** RFC 6901 pointer from segments: `ptr('nodes', 3, 'config')` is `/nodes/3/config`. */
export function ptr(...segments: Array<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property or undefined: hostile input may carry `__proto__` / `constructor` keys. */
export function own(v: unknown, key: string): unknown {
  return isRecord(v) && Object.hasOwn(v, key) ? v[key] : undefined;
}

export function ownString(v: unknown, key: string): string | undefined {
  const s = own(v, key);
  return typeof s === 'string' ? s : undefined;
}

export function ownArray(v: unknown, key: string): unknown[] {
  const a = own(v, key);
  return Array.isArray(a) ? a : [];
}

/** Nesting depth of a JSON value, iteratively (a recursive walk would overflow on hostile input), capped at limit + 1. */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  let visited = 0;
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit || ++visited > 1_000_000) return limit + 1;
    if (typeof v === 'object' && v !== null)
      for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return max;
}
