/**
 * A Postgres text[] literal. Raw queries go through knex, which would expand a JS array into a
 * comma list, so arrays are bound as one literal and cast with `?::text[]`.
 */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
