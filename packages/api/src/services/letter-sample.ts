// Made-up values for a letter's preview when no run is at hand, guessed from each variable's name.
const SAMPLE_DATE = '2026-01-15';

function sampleFor(path: string): unknown {
  const leaf =
    path
      .split(/[.[\]]+/)
      .filter(Boolean)
      .pop() ?? path;
  if (/currency$/i.test(leaf)) return 'EUR';
  // An amount is a decimal string like the flows carry; the letter's money filter formats it per language.
  if (/(amount|due|total|balance|penalt|fee|interest)/i.test(leaf)) return '1250.00';
  if (/(date|asof|at)$/i.test(leaf)) return SAMPLE_DATE;
  if (/url$/i.test(leaf)) return 'https://ledgerflow.example/#/inbox';
  return `‹${path}›`;
}

/** Data with every given path set to a sample; `items.size` makes `items` an empty list. */
export function sampleData(paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    const parts = p.split('.');
    if (parts.length > 1 && (parts.at(-1) === 'size' || parts.at(-1) === 'first' || parts.at(-1) === 'last')) {
      set(out, parts.slice(0, -1), []);
      continue;
    }
    set(out, parts, sampleFor(p));
  }
  return out;
}

function set(target: Record<string, unknown>, parts: string[], value: unknown): void {
  let o = target;
  for (const [i, k] of parts.entries()) {
    if (i === parts.length - 1) {
      if (o[k] === undefined) o[k] = value;
      return;
    }
    if (typeof o[k] !== 'object' || o[k] === null || Array.isArray(o[k])) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
}
