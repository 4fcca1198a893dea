import type jsonata from 'jsonata';
import { ExpressionArgumentError, readAmount, readList, type Amount } from './expression-args.ts';
import { exactTotal } from './decimal-functions.ts';

type Path = readonly string[];
const MAX_KEY_FIELDS = 10;

/** A field ('customerId', dotted 'customer.id') or a list of fields for a composite key (['customerId', 'currency']). */
function readKeySpec(fn: string, v: unknown): { paths: Path[]; composite: boolean } {
  const valid = (f: unknown): f is string => typeof f === 'string' && f !== '' && !f.split('.').includes('');
  if (valid(v)) return { paths: [v.split('.')], composite: false };
  if (Array.isArray(v) && v.length > 0 && v.length <= MAX_KEY_FIELDS && v.every(valid))
    return { paths: v.map((f) => f.split('.')), composite: true };
  throw new ExpressionArgumentError(
    fn,
    'key',
    'INVALID_KEY',
    `must be a field name ('customerId', 'customer.id') or a list of up to ${MAX_KEY_FIELDS} of them`,
  );
}

function pick(item: unknown, path: Path): unknown {
  let v = item;
  for (const step of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[step];
  }
  return v;
}

/** The group key of an item (null when the field is absent) and the identity that groups it. */
function keyOf(fn: string, item: unknown, index: number, spec: { paths: Path[]; composite: boolean }) {
  const values = spec.paths.map((p) => {
    const v = pick(item, p) ?? null;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw new ExpressionArgumentError(
        fn,
        `array[${index}].${p.join('.')}`,
        'INVALID_KEY',
        'is a list or an object; a key must be text, a number, true/false or absent',
      );
    return v;
  });
  // A Map keeps 1 and '1' apart; a composite key is compared by its JSON text.
  return spec.composite ? { key: values, id: JSON.stringify(values) } : { key: values[0], id: values[0] };
}

function groups<T>(
  fn: string,
  list: unknown,
  keySpec: unknown,
  each: (item: unknown, index: number) => T,
): Array<{ key: unknown; members: T[] }> {
  const items = readList(fn, 'array', list);
  const spec = readKeySpec(fn, keySpec);
  const byId = new Map<unknown, { key: unknown; members: T[] }>();
  items.forEach((item, i) => {
    const { key, id } = keyOf(fn, item, i, spec);
    let g = byId.get(id);
    if (!g) byId.set(id, (g = { key, members: [] }));
    g.members.push(each(item, i));
  });
  return [...byId.values()];
}

/** `[{key, items}]` in the order keys first appear. */
function groupBy(list: unknown, key: unknown) {
  return groups('$groupBy', list, key, (item) => item).map((g) => ({ key: g.key, items: g.members }));
}

/** `[{key, total, count}]`: exact totals per key; Money amounts give Money totals and must share a currency per key. */
function sumBy(list: unknown, key: unknown, amountField: unknown) {
  const fn = '$sumBy';
  if (typeof amountField !== 'string' || amountField === '')
    throw new ExpressionArgumentError(fn, 'amountField', 'MISSING', "must name the amount's field ('amount')");
  const path = amountField.split('.');
  return groups<Amount>(fn, list, key, (item, i) => readAmount(fn, `array[${i}].${amountField}`, pick(item, path))).map(
    (g) => ({
      key: g.key,
      total: exactTotal(fn, `${amountField} of key ${JSON.stringify(g.key)}`, g.members),
      count: g.members.length,
    }),
  );
}

/**
 * Grouping without jsonata's recursion: per-customer totals of thousands of invoices written with `$reduce` or
 * recursive lambdas hit the depth and time budgets, and `$sum` adds binary floats.
 */
export function registerGroupFunctions(compiled: jsonata.Expression): void {
  compiled.registerFunction('groupBy', groupBy);
  compiled.registerFunction('sumBy', sumBy);
}
