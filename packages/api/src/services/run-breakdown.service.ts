// Runs of a flow grouped by one of their variables (a dispute's root cause, a dunning level), with counts
// per status and exact money totals per currency: the statistics process owners read as charts. Amounts are
// also split by run status and by outcome, since an accounted dispute, an open one and a cancelled one must
// never be read as one sum.
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
type Totals = Array<{ currency: string | null; amount: string }>;
export interface RunStatsGroup {
  key: string | null;
  runs: number;
  byStatus: Record<string, number>;
  /** Completed runs per outcome (accounted, rejected, …). */
  byOutcome: Record<string, number>;
  /** All statuses together. */
  totals: Totals;
  totalsByStatus: Record<string, Totals>;
  totalsByOutcome: Record<string, Totals>;
}

type Sums = Map<string | null, string>;
function add(sums: Sums, currency: string | null, amount: string): void {
  sums.set(currency, sumDecimals([sums.get(currency) ?? '0', amount]));
}
function listed(sums: Sums): Totals {
  return [...sums]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => String(a.currency).localeCompare(String(b.currency)));
}
function sumsIn(by: Map<string, Sums>, k: string): Sums {
  let s = by.get(k);
  if (!s) by.set(k, (s = new Map()));
  return s;
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
  type Acc = Pick<RunStatsGroup, 'key' | 'runs' | 'byStatus' | 'byOutcome'> & {
    sums: Sums;
    byStatusSums: Map<string, Sums>;
    byOutcomeSums: Map<string, Sums>;
  };
  const groups = new Map<string | null, Acc>();
  for (const r of rows) {
    const g: Acc = groups.get(r.key) ?? {
      key: r.key,
      runs: 0,
      byStatus: {},
      byOutcome: {},
      sums: new Map(),
      byStatusSums: new Map(),
      byOutcomeSums: new Map(),
    };
    const n = Number(r.runs);
    g.runs += n;
    g.byStatus[r.status] = (g.byStatus[r.status] ?? 0) + n;
    // Outcomes of completed runs only: a cancelled or failed run is told by its status.
    const outcome = r.status === 'completed' ? r.outcome : null;
    if (outcome !== null) g.byOutcome[outcome] = (g.byOutcome[outcome] ?? 0) + n;
    // Postgres sums per status and outcome; they are added up here, exactly.
    if (r.total !== null) {
      add(g.sums, r.currency, r.total);
      add(sumsIn(g.byStatusSums, r.status), r.currency, r.total);
      if (outcome !== null) add(sumsIn(g.byOutcomeSums, outcome), r.currency, r.total);
    }
    groups.set(r.key, g);
  }
  const out: RunStatsGroup[] = [...groups.values()].map(({ sums, byStatusSums, byOutcomeSums, ...g }) => ({
    ...g,
    totals: listed(sums),
    totalsByStatus: Object.fromEntries([...byStatusSums].map(([k, s]) => [k, listed(s)])),
    totalsByOutcome: Object.fromEntries([...byOutcomeSums].map(([k, s]) => [k, listed(s)])),
  }));
  out.sort((a, b) => b.runs - a.runs || String(a.key).localeCompare(String(b.key)));
  return { groupBy: q.groupBy, sum: q.sum ?? null, total: out.reduce((s, g) => s + g.runs, 0), groups: out };
}
