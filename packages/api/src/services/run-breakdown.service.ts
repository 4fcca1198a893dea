// Runs of a flow grouped by one of their variables (a dispute's root cause, a dunning level), with counts
// per status and exact money totals per currency: the statistics process owners read as charts.
import { sumDecimals, ValidationError } from '@ledgerflow/flow-model';
import { createRunStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

/** A variable or a path inside one: `rootCause`, `record.reason`. */
export const VARIABLE_PATH = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,4}$';
const PATH = new RegExp(VARIABLE_PATH);

export interface RunStatsQuery {
  groupBy: string;
  sum?: string;
  from?: string;
  to?: string;
  includeTests?: boolean;
}
export interface RunStatsGroup {
  key: string | null;
  runs: number;
  byStatus: Record<string, number>;
  totals: Array<{ currency: string | null; amount: string }>;
}

export async function runStats(
  deps: AppDeps,
  flowId: string,
  q: RunStatsQuery,
): Promise<{ groupBy: string; sum: string | null; total: number; groups: RunStatsGroup[] }> {
  for (const [name, v] of [
    ['groupBy', q.groupBy],
    ['sum', q.sum],
  ] as const) {
    if (v !== undefined && !PATH.test(v))
      throw new ValidationError(`${name} must name a variable, e.g. rootCause or record.reason`, [
        { path: `/${name}`, code: 'VARIABLE_PATH', message: `'${v}' is not a variable path` },
      ]);
  }
  // A money variable is { amount: "1250.00", currency: "EUR" }; a plain decimal string has no currency.
  const rows = await createRunStore(deps.orm.em.fork()).stats(flowId, {
    groupBy: q.groupBy.split('.'),
    sum: q.sum?.split('.'),
    from: q.from,
    to: q.to,
    includeTests: q.includeTests ?? false,
  });
  const groups = new Map<string | null, RunStatsGroup & { sums: Map<string | null, string> }>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? {
      key: r.key,
      runs: 0,
      byStatus: {},
      totals: [],
      sums: new Map<string | null, string>(),
    };
    const n = Number(r.runs);
    g.runs += n;
    g.byStatus[r.status] = (g.byStatus[r.status] ?? 0) + n;
    // Postgres sums per status; the statuses of a group are added here, exactly.
    if (r.total !== null) g.sums.set(r.currency, sumDecimals([g.sums.get(r.currency) ?? '0', r.total]));
    groups.set(r.key, g);
  }
  const out = [...groups.values()].map(({ sums, ...g }) => ({
    ...g,
    totals: [...sums]
      .map(([currency, amount]) => ({ currency, amount }))
      .sort((a, b) => String(a.currency).localeCompare(String(b.currency))),
  }));
  out.sort((a, b) => b.runs - a.runs || String(a.key).localeCompare(String(b.key)));
  return { groupBy: q.groupBy, sum: q.sum ?? null, total: out.reduce((s, g) => s + g.runs, 0), groups: out };
}
