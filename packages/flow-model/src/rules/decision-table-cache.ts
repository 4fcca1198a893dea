import type { DecisionOptions, DecisionTableConfig } from './decision-eval.ts';
import { compileDecisionTable, type CompiledDecisionTable, type DecisionTableMatch } from './decision-table-compile.ts';

// A published version's table never changes, so its text is its identity: a worker compiles each table once and
// a draft edited in a test run gets a new entry. Bounded so a stream of edited drafts cannot grow the process.
const MAX_TABLES = 256;
const byText = new Map<string, CompiledDecisionTable>();
const byObject = new WeakMap<object, Map<string, CompiledDecisionTable>>();
// A published version's node names its table without reading it: the engine passes `flow@version#node`, and the
// table (1,000 rows arrive as a new object on every activity call) is not serialised again to find its entry.
const byKey = new Map<string, CompiledDecisionTable>();

/**
 * The compiled matcher for a table, from the per-process cache: by `name` when the caller names an immutable table
 * (a published version's node), else by the same object, else by the same content and timezone.
 */
export function compiledDecisionTable(
  config: DecisionTableConfig,
  timezone: string,
  name?: string,
): CompiledDecisionTable {
  if (name !== undefined) {
    const k = `${timezone}\u0000${name}`;
    let named = byKey.get(k);
    if (named) byKey.delete(k);
    else {
      named = compiledDecisionTable(config, timezone);
      if (byKey.size >= MAX_TABLES) byKey.delete(byKey.keys().next().value!);
    }
    byKey.set(k, named);
    return named;
  }
  let perZone = byObject.get(config);
  const hit = perZone?.get(timezone);
  if (hit) return hit;
  const key = `${timezone}\u0000${JSON.stringify(config)}`;
  let compiled = byText.get(key);
  if (compiled) {
    // Refreshes the entry's age: eviction drops the table used least recently.
    byText.delete(key);
  } else {
    compiled = compileDecisionTable(config, { timezone });
    if (byText.size >= MAX_TABLES) byText.delete(byText.keys().next().value!);
  }
  byText.set(key, compiled);
  if (!perZone) byObject.set(config, (perZone = new Map()));
  perZone.set(timezone, compiled);
  return compiled;
}

/** Decision table through the compiled matcher: evaluateDecisionTable's outcomes, a trace of the matched rows. */
export function evaluateCompiledDecisionTable(
  config: DecisionTableConfig,
  facts: Record<string, unknown>,
  opts: DecisionOptions & { cacheKey?: string },
): DecisionTableMatch {
  return compiledDecisionTable(config, opts.timezone, opts.cacheKey).match(facts, opts.now);
}

/** How many tables the process holds compiled (for tests and diagnostics). */
export function compiledDecisionTableCount(): number {
  return byText.size;
}
