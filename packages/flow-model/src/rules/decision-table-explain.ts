import { evaluateDecision, rowCondition, type DecisionOptions, type DecisionTableConfig } from './decision-eval.ts';
import { LedgerflowError } from '../errors.ts';
import type { RuleTrace } from './rule-trace.ts';

/**
 * Why row `rowIndex` did (not) match, computed on demand: the row runs alone through the json-rules-engine path,
 * so every cell gets its fact value, result and, when false for a reason other than the data, a note
 * (currency mismatch, not a date, bad regex…). `failed` lists the `at` pointers of the cells that were false.
 */
export async function explainRow(
  config: DecisionTableConfig,
  facts: Record<string, unknown>,
  rowIndex: number,
  opts: DecisionOptions,
): Promise<RuleTrace & { row: number; failed: string[] }> {
  const row = config.rows[rowIndex];
  if (!row)
    throw new LedgerflowError('DECISION_ROW_NOT_FOUND', `Decision table has no row ${rowIndex}`, {
      status: 400,
      details: { row: rowIndex, rows: config.rows.length },
    });
  const when = rowCondition(config.columns, row);
  const { trace } = await evaluateDecision(
    { outcomes: [{ name: `row${rowIndex}`, when }], defaultOutcome: '' },
    facts,
    opts,
  );
  const t = trace[0]!;
  const failed = t.conditions.filter((c) => c.result === false).map((c) => c.at);
  return { ...t, outcome: row.outcome, row: rowIndex, failed };
}
