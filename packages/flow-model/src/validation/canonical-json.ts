/**
 * JSON with object keys sorted at every level, so equal content always gives the same text
 * (and the same content hash) whatever order the designer or the database wrote the keys in.
 * Same value rules as JSON.stringify: undefined/functions dropped from objects and null in arrays,
 * toJSON honoured, non-finite numbers become null. Throws on cycles and BigInt, like JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson cannot serialize a BigInt');
    case 'object': {
      if (seen.has(value)) throw new TypeError('canonicalJson: value contains a cycle');
      seen.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((v) => write(v, seen) ?? 'null').join(',')}]`;
      } else {
        const parts: string[] = [];
        // Plain code-unit order, not localeCompare: it must not depend on the runtime's locale data.
        for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
          const v = write((value as Record<string, unknown>)[key], seen);
          if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
        }
        out = `{${parts.join(',')}}`;
      }
      seen.delete(value);
      return out;
    }
    default:
      return undefined;
  }
}
