import { LedgerflowError } from '../errors.ts';
import { resolvePath, type DecisionTableConfig } from './decision-eval.ts';
import { CELL_OPERATORS, type CellOperator } from './decision-table-cells.ts';
import type { RuleContext } from './rule-operators.ts';
import { toJsonSafe, type LeafTrace, type RuleTrace } from './rule-trace.ts';

export interface DecisionTableMatch {
  outcome: string;
  outcomes: string[];
  /** Matched row indexes in row order (priority: every match, the winner gave `outcome`). */
  rows: number[];
  /** The matched rows only; explainRow tells why another row did not match. */
  trace: RuleTrace[];
}

export interface CompiledDecisionTable {
  readonly timezone: string;
  match(facts: Record<string, unknown>, now: Date): DecisionTableMatch;
}

interface Column {
  fact: string;
  path?: string;
  operator: string;
  op: CellOperator | undefined;
}
interface Cell {
  col: number;
  raw: unknown;
  prepared: unknown;
  /** A `{ fact: … }` value: json-rules-engine reads it as a reference to another fact, at evaluation time. */
  dynamic: boolean;
  /** What the engine throws on evaluating this cell, known from the cell alone (unknown operator, bad `in`). */
  error?: unknown;
}
interface Row {
  outcome: string;
  priority: number;
  cells: Cell[];
  /** A cell may throw: evaluate every cell, as the engine does, instead of stopping at the first false. */
  strict: boolean;
}

const UNSET = Symbol('unset');
const isEnumerable = Object.prototype.propertyIsEnumerable;

/** A fact as decision-eval's factsFor and the engine's almanac see it: own keys, no functions, `now` by default. */
function factValue(facts: Record<string, unknown>, id: unknown, nowIso: string): unknown {
  if (typeof id !== 'string') return undefined;
  if (facts && isEnumerable.call(facts, id)) {
    const v = facts[id];
    if (typeof v !== 'function') return v;
  }
  return id === 'now' ? nowIso : undefined;
}

/** The almanac applies a path to objects only; any other value is returned as it is. */
function atPath(v: unknown, path: unknown): unknown {
  if (!path) return v;
  return v !== null && typeof v === 'object' ? resolvePath(v, path as string) : v;
}

function isFactReference(v: unknown): v is { fact: unknown; path?: unknown } {
  return v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact');
}

function ruleFailed(row: number, err: unknown): LedgerflowError {
  const name = `row${row}`;
  return new LedgerflowError(
    'RULE_FAILED',
    `Rule '${name}' could not be evaluated: ${err instanceof Error ? err.message : String(err)}`,
    { status: 400, details: { outcome: name }, cause: err },
  );
}

function compileRow(columns: Column[], row: DecisionTableConfig['rows'][number], timezone: string): Row {
  const out: Row = { outcome: row.outcome, priority: row.priority ?? 0, cells: [], strict: false };
  const probe: RuleContext = { now: new Date(0), timezone };
  columns.forEach((col, c) => {
    const raw = row.cells[c];
    if (raw === null || raw === undefined) return;
    const dynamic = isFactReference(raw);
    if (!col.op) {
      out.cells.push({
        col: c,
        raw,
        prepared: undefined,
        dynamic,
        error: new Error(`Unknown operator: ${col.operator}`),
      });
      out.strict = true;
      return;
    }
    const cell: Cell = { col: c, raw, prepared: dynamic ? undefined : col.op.cell(raw, timezone), dynamic };
    out.cells.push(cell);
    if (!col.op.mayThrow) return;
    out.strict = true;
    // Whether `value.indexOf` throws depends on the value only: find out now, throw it whenever the row is reached.
    if (!dynamic) {
      try {
        col.op.test(undefined, cell.prepared, probe);
      } catch (err) {
        cell.error = err;
      }
    }
  });
  return out;
}

/**
 * Compiles a decision table into a matcher that tests rows directly, with decision-eval's semantics (operators,
 * exact decimals, hit policies, errors) and without json-rules-engine's per-row rule, almanac and promises.
 */
export function compileDecisionTable(config: DecisionTableConfig, opts: { timezone: string }): CompiledDecisionTable {
  const timezone = opts.timezone;
  const columns: Column[] = config.columns.map((c) => ({
    fact: c.fact,
    path: c.path,
    operator: c.operator,
    op: Object.hasOwn(CELL_OPERATORS, c.operator) ? CELL_OPERATORS[c.operator] : undefined,
  }));
  // Cells are copied, as json-rules-engine copies its rules: an object cell never is the very object a fact holds,
  // so `equal` on objects is false on both paths (fast-check found a case sharing one object between the two).
  const rows = (structuredClone(config.rows) as DecisionTableConfig['rows']).map((r) =>
    compileRow(columns, r, timezone),
  );
  const hitPolicy = config.hitPolicy;
  const defaultOutcome = config.defaultOutcome;

  function match(facts: Record<string, unknown>, now: Date): DecisionTableMatch {
    const ctx: RuleContext = { now, timezone };
    const nowIso = now.toISOString();
    const raws: unknown[] = new Array(columns.length).fill(UNSET);
    const views: unknown[] = new Array(columns.length).fill(UNSET);
    const rawOf = (c: number): unknown =>
      raws[c] !== UNSET ? raws[c] : (raws[c] = atPath(factValue(facts, columns[c]!.fact, nowIso), columns[c]!.path));
    // The column's fact is parsed once per evaluation, on first use.
    const viewOf = (c: number): unknown =>
      views[c] !== UNSET ? views[c] : (views[c] = columns[c]!.op!.fact(rawOf(c), ctx));
    const test = (cell: Cell): boolean => {
      const op = columns[cell.col]!.op!;
      if (!cell.dynamic) return op.test(viewOf(cell.col), cell.prepared, ctx);
      const ref = cell.raw as { fact: unknown; path?: unknown };
      const value = atPath(factValue(facts, ref.fact, nowIso), ref.path);
      return op.test(viewOf(cell.col), op.cell(value, timezone), ctx);
    };

    const known = (id: unknown): boolean =>
      typeof id === 'string' && (id === 'now' || (isEnumerable.call(facts, id) && typeof facts[id] !== 'function'));
    // The engine evaluates a row's cells together and rejects with the error that settles first: an unknown operator
    // at once, then cells whose fact or value goes through a path one promise tick after those without.
    const errorRank = (cell: Cell): number => {
      const col = columns[cell.col]!;
      if (!col.op) return -1;
      const ref = cell.raw as { fact?: unknown; path?: unknown };
      return (col.path && known(col.fact)) || (cell.dynamic && ref.path && known(ref.fact)) ? 1 : 0;
    };

    const matched: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let ok = true;
      if (row.strict) {
        let failure: { rank: number; err: unknown } | undefined;
        for (const cell of row.cells) {
          try {
            if (cell.error !== undefined) throw cell.error;
            if (!test(cell)) ok = false;
          } catch (err) {
            const rank = errorRank(cell);
            if (!failure || rank < failure.rank) failure = { rank, err };
          }
        }
        if (failure) throw ruleFailed(i, failure.err);
      } else {
        for (const cell of row.cells) {
          if (!test(cell)) {
            ok = false;
            break;
          }
        }
      }
      if (ok) {
        matched.push(i);
        if (hitPolicy === 'first') break;
      }
    }
    const trace = matched.map((i) => matchedTrace(i, rows[i]!, columns, rawOf));
    if (matched.length === 0) return { outcome: defaultOutcome, outcomes: [], rows: [], trace };
    if (hitPolicy === 'priority') {
      const best = matched.reduce((a, b) => (rows[b]!.priority > rows[a]!.priority ? b : a));
      return { outcome: rows[best]!.outcome, outcomes: [rows[best]!.outcome], rows: matched, trace };
    }
    const outcomes = [...new Set(matched.map((i) => rows[i]!.outcome))];
    return { outcome: outcomes[0]!, outcomes, rows: matched, trace };
  }

  return { timezone, match };
}

/** The json-rules-engine path's trace entry for a row that matched: every leaf true, with its fact value. */
function matchedTrace(index: number, row: Row, columns: Column[], rawOf: (c: number) => unknown): RuleTrace {
  const conditions = row.cells.map((cell, k): LeafTrace => {
    const col = columns[cell.col]!;
    const leaf: LeafTrace = {
      at: `/all/${k}`,
      fact: col.fact,
      operator: col.operator,
      value: toJsonSafe(cell.raw),
      factValue: toJsonSafe(rawOf(cell.col)),
      result: true,
    };
    if (col.path) leaf.path = col.path;
    return leaf;
  });
  return { outcome: row.outcome, result: true, conditions, row: index };
}
