// 1,000-row first-hit decision table, match near the end: compiled matcher vs json-rules-engine path vs a plain
// loop over the rule operators. One command; the last line is the compiled figure.
//   node bench/decision-table/decision-table.bench.ts [rows]
import {
  compileDecisionTable,
  compiledDecisionTable,
  evaluateDecisionTable,
  type DecisionTableConfig,
} from '../../packages/flow-model/src/index.ts';
import { customOperators } from '../../packages/flow-model/src/rules/rule-operators.ts';

const ROWS = Number(process.argv[2] ?? 1000);
const COUNTRIES = ['fr', 'de', 'es', 'it', 'be', 'nl', 'pt', 'at'];
const config: DecisionTableConfig = {
  hitPolicy: 'first',
  columns: [
    { fact: 'invoice', path: '$.total', operator: 'amountGte' },
    { fact: 'country', operator: 'textEquals' },
    { fact: 'dueDate', operator: 'dateOnOrBefore' },
  ],
  // Thresholds fall row by row: only the last rows are low enough, and only one of them has the right country.
  rows: Array.from({ length: ROWS }, (_, i) => ({
    cells: [`${(ROWS - i) * 100}.00`, COUNTRIES[i % COUNTRIES.length], i % 3 === 0 ? '2030-12-31' : null],
    outcome: `route${i % 17}`,
  })),
  defaultOutcome: 'manual',
};
const target = ROWS - 8; // fr rows are i % 8 === 0: the last of them matches first
const facts = {
  invoice: { total: { amount: `${(ROWS - target) * 100}.00`, currency: 'EUR' } },
  country: 'FR',
  dueDate: '2026-01-15',
};
const opts = { now: new Date('2026-01-01T00:00:00Z'), timezone: 'Europe/Paris' };

function time(iterations: number, fn: () => unknown): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}
async function timeAsync(iterations: number, fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}

// Plain loop: rows and cells walked directly with rule-operators.ts's functions, nothing prepared.
function plainLoop(): string {
  const ops = customOperators(opts);
  const values = [facts.invoice.total, facts.country, facts.dueDate];
  for (const row of config.rows) {
    let ok = true;
    for (let c = 0; c < config.columns.length && ok; c++) {
      const cell = row.cells[c];
      if (cell !== null && cell !== undefined) ok = ops[config.columns[c]!.operator]!(values[c], cell);
    }
    if (ok) return row.outcome;
  }
  return config.defaultOutcome;
}

const engine = await evaluateDecisionTable(config, facts, opts);
const compiled = compiledDecisionTable(config, opts.timezone).match(facts, opts.now);
const plain = plainLoop();
if (engine.outcome !== compiled.outcome || plain !== compiled.outcome || compiled.rows[0] !== target)
  throw new Error(`paths disagree: ${engine.outcome} ${compiled.outcome}@${compiled.rows[0]} ${plain}`);

const compileMs = time(20, () => compileDecisionTable(config, opts));
const table = compiledDecisionTable(config, opts.timezone);
time(2000, () => table.match(facts, opts.now)); // warm-up
const compiledMs = Math.min(...[0, 1, 2].map(() => time(2000, () => table.match(facts, opts.now))));
const copies = Array.from({ length: 200 }, () => JSON.parse(JSON.stringify(config)) as DecisionTableConfig);
let n = 0;
const cachedMs = time(copies.length, () => compiledDecisionTable(copies[n++]!, opts.timezone));
n = 0;
const keyedMs = time(copies.length, () => compiledDecisionTable(copies[n++]!, opts.timezone, 'flow@1#table'));
time(200, plainLoop);
const plainMs = Math.min(...[0, 1, 2].map(() => time(200, plainLoop)));
await timeAsync(3, () => evaluateDecisionTable(config, facts, opts));
const engineMs = await timeAsync(10, () => evaluateDecisionTable(config, facts, opts));

console.log(`rows=${ROWS} matched_row=${compiled.rows[0]} outcome=${compiled.outcome}`);
console.log(`compile_ms=${compileMs.toFixed(3)} (once per table content and timezone)`);
console.log(`cache_lookup_ms=${cachedMs.toFixed(3)} (a fresh copy of the table, as each activity call receives it)`);
console.log(`keyed_lookup_ms=${keyedMs.toFixed(4)} (the engine's flow@version#node key of a published version)`);
console.log(`json_rules_engine_ms_per_eval=${engineMs.toFixed(3)}`);
console.log(`plain_loop_ms_per_eval=${plainMs.toFixed(3)}`);
console.log(
  `speedup_vs_engine=${(engineMs / compiledMs).toFixed(0)}x speedup_vs_plain_loop=${(plainMs / compiledMs).toFixed(1)}x`,
);
console.log(`compiled_ms_per_eval=${compiledMs.toFixed(4)}`);
