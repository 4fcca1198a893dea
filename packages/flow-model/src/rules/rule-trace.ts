/** One leaf condition as evaluated: written into run events, so always plain JSON. */
export interface LeafTrace {
  /** JSON pointer of the leaf inside the outcome's condition, e.g. /all/1 ('' for a bare leaf). */
  at: string;
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  /** The fact's value (after path); null when undefined. */
  factValue: unknown;
  /** null when the engine did not evaluate the leaf. */
  result: boolean | null;
  note?: string;
}

export interface RuleTrace {
  outcome: string;
  /** Decision-table row index. */
  row?: number;
  result: boolean;
  conditions: LeafTrace[];
  note?: string;
}

/** Copies a value into bounded plain JSON (no undefined, Dates, BigInts or huge blobs). */
export function toJsonSafe(v: unknown, depth = 0): unknown {
  if (v === undefined || v === null || typeof v === 'function' || typeof v === 'symbol') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return v.length > 1000 ? `${v.slice(0, 1000)}…` : v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : null;
  if (depth >= 8) return '[…]';
  if (Array.isArray(v)) {
    const items = v.slice(0, 50).map((x) => toJsonSafe(x, depth + 1));
    if (v.length > 50) items.push(`[${v.length - 50} more]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const k of Object.keys(v)) {
    if (++n > 50) {
      out['…'] = 'truncated';
      break;
    }
    Object.defineProperty(out, k, {
      value: toJsonSafe((v as Record<string, unknown>)[k], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
