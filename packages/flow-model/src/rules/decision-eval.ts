import { Engine, type RuleProperties } from 'json-rules-engine';
import type {
  Condition,
  ConditionLeaf,
  DecisionOutcome,
  DecisionTableColumn,
  DecisionTableRow,
  HitPolicy,
} from '../schema/rules.schema.ts';
import { LedgerflowError } from '../errors.ts';
import { customOperators, leafNote, type RuleContext } from './rule-operators.ts';
import { toJsonSafe, type LeafTrace, type RuleTrace } from './rule-trace.ts';

export interface DecisionConfig {
  outcomes: DecisionOutcome[];
  defaultOutcome: string;
}
export interface DecisionTableConfig {
  hitPolicy: HitPolicy;
  columns: DecisionTableColumn[];
  rows: DecisionTableRow[];
  defaultOutcome: string;
}
export interface DecisionOptions {
  now: Date;
  timezone: string;
}

/**
 * Resolves `$.a.b[0]`, `$['x y']` or `a.b` on own properties only. Replaces json-rules-engine's default
 * (jsonpath-plus), which evaluates script expressions and is far more than a rule path needs.
 */
export function resolvePath(value: unknown, path: string): unknown {
  if (typeof path !== 'string' || path.length > 500) return undefined;
  let rest = path.trim().replace(/^\$/, '');
  let cur = value;
  const token = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|^([A-Za-z_$][\w$-]*))/;
  while (rest.length > 0) {
    const m = token.exec(rest);
    if (!m) return undefined;
    rest = rest.slice(m[0].length);
    const key = m[1] ?? m[3] ?? m[4] ?? m[5];
    if (cur === null || typeof cur !== 'object') return undefined;
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(m[2])];
    } else {
      if (!Object.hasOwn(cur, key!)) return undefined;
      cur = (cur as Record<string, unknown>)[key!];
    }
  }
  return cur;
}

function makeEngine(ctx: RuleContext): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    pathResolver: (v: object, p: string) => resolvePath(v, p),
  });
  for (const [name, fn] of Object.entries(customOperators(ctx))) engine.addOperator(name, fn);
  return engine;
}

function factsFor(facts: Record<string, unknown>, ctx: RuleContext): Record<string, unknown> {
  // Own keys only, on a null-prototype object: the engine walks facts with for…in, and a function
  // would be taken for a computed fact.
  const out = Object.create(null) as Record<string, unknown>;
  out.now = ctx.now.toISOString();
  for (const k of Object.keys(facts ?? {})) if (typeof facts[k] !== 'function') out[k] = facts[k];
  return out;
}

function isLeaf(c: unknown): c is ConditionLeaf {
  return !!c && typeof c === 'object' && 'fact' in c;
}

/** Engine conditions: the root must be all/any/not, and every leaf needs a `value`. */
function toEngineCondition(c: Condition, depth = 0): Record<string, unknown> {
  if (depth > 64) throw new Error('Condition is nested too deeply');
  if (isLeaf(c)) {
    const leaf: Record<string, unknown> = { fact: c.fact, operator: c.operator, value: c.value ?? null };
    if (c.path) leaf.path = c.path;
    return leaf;
  }
  if ('all' in c) return { all: c.all.map((x) => toEngineCondition(x, depth + 1)) };
  if ('any' in c) return { any: c.any.map((x) => toEngineCondition(x, depth + 1)) };
  return { not: toEngineCondition(c.not, depth + 1) };
}

/** Leaves in document order, with the engine's evaluation results pulled from the evaluated tree. */
function collectLeaves(original: unknown, evaluated: unknown, at: string, ctx: RuleContext, out: LeafTrace[]): void {
  if (!original || typeof original !== 'object') return;
  const ev = (evaluated ?? {}) as Record<string, unknown>;
  if (isLeaf(original)) {
    const result = typeof ev.result === 'boolean' ? ev.result : null;
    const leaf: LeafTrace = {
      at,
      fact: original.fact,
      operator: original.operator,
      value: toJsonSafe(original.value),
      factValue: toJsonSafe(ev.factResult),
      result,
    };
    if (original.path) leaf.path = original.path;
    const note = result === false ? leafNote(original.operator, ev.factResult, original.value, ctx) : undefined;
    if (note) leaf.note = note;
    out.push(leaf);
    return;
  }
  const o = original as Record<string, unknown>;
  for (const op of ['all', 'any'] as const) {
    if (Array.isArray(o[op])) {
      const evs = Array.isArray(ev[op]) ? (ev[op] as unknown[]) : [];
      (o[op] as unknown[]).forEach((c, i) => collectLeaves(c, evs[i], `${at}/${op}/${i}`, ctx, out));
      return;
    }
  }
  if (o.not) collectLeaves(o.not, ev.not, `${at}/not`, ctx, out);
}

interface Evaluated {
  result: boolean;
  trace: RuleTrace;
}

async function evaluateCondition(
  engine: Engine,
  name: string,
  when: Condition,
  facts: Record<string, unknown>,
  ctx: RuleContext,
): Promise<Evaluated> {
  const wrapped = isLeaf(when);
  const conditions = toEngineCondition(wrapped ? { all: [when] } : when);
  const rule: RuleProperties = {
    name,
    conditions: conditions as unknown as RuleProperties['conditions'],
    event: { type: name },
  };
  engine.addRule(rule);
  try {
    let run: Awaited<ReturnType<Engine['run']>>;
    try {
      run = await engine.run(facts);
    } catch (err) {
      throw new LedgerflowError(
        'RULE_FAILED',
        `Rule '${name}' could not be evaluated: ${err instanceof Error ? err.message : String(err)}`,
        { status: 400, details: { outcome: name }, cause: err },
      );
    }
    const { results, failureResults } = run;
    const result = results.length > 0;
    const tree: unknown = (results[0] ?? failureResults[0])?.conditions;
    const evTree = wrapped ? ((tree as { all?: unknown[] } | undefined)?.all ?? [])[0] : tree;
    const conditionsTrace: LeafTrace[] = [];
    collectLeaves(when, evTree, '', ctx, conditionsTrace);
    return { result, trace: { outcome: name, result, conditions: conditionsTrace } };
  } finally {
    engine.removeRule(name);
  }
}

/** Decision node: outcomes in order, the first whose condition holds wins, else defaultOutcome. */
export async function evaluateDecision(
  config: DecisionConfig,
  facts: Record<string, unknown>,
  opts: DecisionOptions,
): Promise<{ outcome: string; trace: RuleTrace[] }> {
  const ctx: RuleContext = { now: opts.now, timezone: opts.timezone };
  const engine = makeEngine(ctx);
  const runFacts = factsFor(facts, ctx);
  const trace: RuleTrace[] = [];
  for (const o of config.outcomes) {
    const { result, trace: t } = await evaluateCondition(engine, o.name, o.when, runFacts, ctx);
    trace.push(t);
    if (result) return { outcome: o.name, trace };
  }
  return { outcome: config.defaultOutcome, trace };
}

/** Row i as a condition: one leaf per non-null cell (null = any value, so an all-null row always matches). */
export function rowCondition(columns: DecisionTableColumn[], row: DecisionTableRow): Condition {
  const all: Condition[] = [];
  columns.forEach((col, i) => {
    const cell = row.cells[i];
    if (cell === null || cell === undefined) return;
    const leaf: ConditionLeaf = { fact: col.fact, operator: col.operator, value: cell };
    if (col.path) leaf.path = col.path;
    all.push(leaf);
  });
  return { all };
}

/**
 * Decision table. first: first matching row; priority: highest `priority` among matches (ties: earlier row);
 * collect: every match, `outcomes` lists distinct outcomes in row order and `outcome` is the first.
 */
export async function evaluateDecisionTable(
  config: DecisionTableConfig,
  facts: Record<string, unknown>,
  opts: DecisionOptions,
): Promise<{ outcome: string; outcomes: string[]; trace: RuleTrace[] }> {
  const ctx: RuleContext = { now: opts.now, timezone: opts.timezone };
  const engine = makeEngine(ctx);
  const runFacts = factsFor(facts, ctx);
  const trace: RuleTrace[] = [];
  const matched: Array<{ row: number; outcome: string; priority: number }> = [];
  for (const [i, row] of config.rows.entries()) {
    const { result, trace: t } = await evaluateCondition(
      engine,
      `row${i}`,
      rowCondition(config.columns, row),
      runFacts,
      ctx,
    );
    trace.push({ ...t, outcome: row.outcome, row: i });
    if (result) {
      matched.push({ row: i, outcome: row.outcome, priority: row.priority ?? 0 });
      if (config.hitPolicy === 'first') break;
    }
  }
  if (matched.length === 0) return { outcome: config.defaultOutcome, outcomes: [], trace };
  if (config.hitPolicy === 'priority') {
    const best = matched.reduce((a, b) => (b.priority > a.priority ? b : a));
    return { outcome: best.outcome, outcomes: [best.outcome], trace };
  }
  const outcomes = [...new Set(matched.map((m) => m.outcome))];
  return { outcome: outcomes[0]!, outcomes, trace };
}
