import { formatDecimal } from './decimal.ts';

/**
 * How JSON numbers come back from `parseExactJson`:
 * - 'exact' (default): integer literals within ±2^53 stay numbers (counts, ids, statuses); every other number — a
 *   fraction ("12.50"), an exponent ("1e3") or a larger integer — comes back as its exact decimal string. The type
 *   depends on how the number is written, never on whether a float happens to round-trip it: "1.10" keeps its scale.
 * - 'text': every number is a decimal string, integers too, for APIs whose numeric fields are amounts (NetSuite).
 */
export type JsonNumbers = 'exact' | 'text';

const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const PLAIN_INTEGER = /^-?\d+$/;
// An exponent that would expand to more digits than any amount has is kept as written rather than expanded.
const MAX_EXPANDED_DIGITS = 100;

/** The exact decimal text of a JSON number literal ("1.5e3" -> "1500", "-2E-3" -> "-0.002"); no float involved. */
export function jsonNumberToDecimal(source: string): string {
  const m = JSON_NUMBER.exec(source);
  if (!m) return source;
  const [, sign, int = '', frac = '', exp] = m;
  const shift = exp === undefined ? 0 : Number(exp);
  const scale = frac.length - shift;
  if (Math.abs(shift) > MAX_EXPANDED_DIGITS || int.length + frac.length + Math.abs(shift) > MAX_EXPANDED_DIGITS)
    return source;
  const units = BigInt(int + frac) * (sign === '-' ? -1n : 1n);
  // A negative scale is a whole number with trailing zeros; the scale written in the source is kept otherwise.
  return scale >= 0
    ? formatDecimal({ units, scale }, scale)
    : formatDecimal({ units: units * 10n ** BigInt(-scale), scale: 0 });
}

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

function reviver(numbers: JsonNumbers): SourceReviver {
  return (_key, value, context) => {
    // Node >= 21 (and current browsers) give the literal's source text; without it there is nothing exact to keep.
    if (typeof value !== 'number' || context?.source === undefined) return value;
    const src = context.source;
    if (numbers === 'exact' && PLAIN_INTEGER.test(src) && Number.isSafeInteger(value)) return value;
    return jsonNumberToDecimal(src);
  };
}

const REVIVERS: Record<JsonNumbers, SourceReviver> = { exact: reviver('exact'), text: reviver('text') };

/** JSON.parse that never turns an amount into a binary float (see `JsonNumbers`). Throws SyntaxError like JSON.parse. */
export function parseExactJson<T = unknown>(text: string, numbers: JsonNumbers = 'exact'): T {
  return JSON.parse(text, REVIVERS[numbers] as (this: unknown, key: string, value: unknown) => unknown) as T;
}
