import { ApplicationFailure } from '@temporalio/activity';
import {
  computeWaitUntil,
  evaluateCompiledDecisionTable,
  evaluateDecision,
  evaluateExpression,
  isWorkingDay,
} from '@ledgerflow/flow-model';
import type { EngineActivities, EvaluateRequest, EvaluateResult } from './activity-types.ts';
import type { ActivityDeps } from './deps.ts';

/**
 * Pure evaluations (rules, tables, expressions, calendar) run as a local activity: their results are
 * recorded in history, so a later change to the rules library cannot break replay of running cases.
 */
/** `record` is the worker's one event writer, shared so concurrent writes group into one statement. */
export function evaluateActivity(deps: ActivityDeps, record: EngineActivities['recordEvents']) {
  return async function evaluate(req: EvaluateRequest): Promise<EvaluateResult> {
    if (req.flush) await record(req.flush);
    try {
      switch (req.type) {
        case 'decision': {
          const r = await evaluateDecision({ outcomes: req.outcomes, defaultOutcome: req.defaultOutcome }, req.vars, {
            now: new Date(),
            timezone: req.settings.timezone,
          });
          return { type: 'decision', outcome: r.outcome, trace: r.trace };
        }
        case 'decisionTable': {
          // Compiled once per published node (else per table content) and kept by the worker; the trace names the matched rows only.
          const r = evaluateCompiledDecisionTable(req.config as never, req.vars, {
            now: new Date(),
            timezone: req.settings.timezone,
            cacheKey: req.tableKey,
          });
          return { type: 'decision', outcome: r.outcome, outcomes: r.outcomes, trace: r.trace };
        }
        case 'assign': {
          const values: Record<string, unknown> = {};
          const scope = { ...req.vars };
          for (const a of req.assignments) {
            // jsonata's "nothing" (undefined) would vanish in JSON and leave the old value: it clears the variable.
            values[a.variable] =
              (await evaluateExpression(a.expression, scope, { timezone: req.timezone, calendar: req.calendar })) ??
              null;
            scope[a.variable] = values[a.variable];
          }
          return { type: 'assign', values };
        }
        case 'expression':
          return {
            type: 'expression',
            value: await evaluateExpression(req.expression, req.vars, {
              timezone: req.timezone,
              calendar: req.calendar,
            }),
          };
        case 'waitUntil': {
          const until = await computeWaitUntil(req.spec, new Date(req.fromIso), {
            calendar: req.settings.calendar,
            timezone: req.settings.timezone,
            vars: req.vars,
          });
          return { type: 'waitUntil', untilIso: until.toISOString() };
        }
        case 'isWorkingDay':
          return {
            type: 'isWorkingDay',
            working: isWorkingDay(new Date(req.atIso), {
              calendar: req.settings.calendar,
              timezone: req.settings.timezone,
            }),
          };
      }
    } catch (err) {
      // Bad data or a bad expression will not fix itself by retrying.
      throw ApplicationFailure.nonRetryable(`node '${req.nodeId}': ${(err as Error).message}`, 'EVALUATION_FAILED', {
        nodeId: req.nodeId,
      });
    }
  };
}
