import { ApplicationFailure } from '@temporalio/activity';
import { compareDecimal, LedgerflowError, localDate, type DecisionTableConfig } from '@ledgerflow/flow-model';
import { createDunningBatchStore, createDunningMarksStore, type NewDunningLine } from '@ledgerflow/db';
import { classifyDunning, type DunningCustomer } from '../dunning/dunning-classify.service.ts';
import type { ActivityDeps } from './deps.ts';
import type { DunningClassifyInput, DunningClassifyOutput } from './dunning-activity-types.ts';
import { isPlatformError, platformFailure } from './platform-errors.ts';

function lineOf(c: DunningCustomer): NewDunningLine {
  return {
    customerId: c.customerId,
    customerName: c.name,
    language: c.language,
    email: c.email,
    currency: c.currency,
    level: c.level!,
    days: c.daysOverdue,
    balance: c.overdueBalance,
    totalOpen: c.totalOpen,
    penaltyFlat: c.penaltyFlat,
    penaltyInterest: c.penaltyInterest,
    items: c.invoices.map((i) => ({
      document: i.document,
      itemType: 'invoice',
      documentDate: i.documentDate,
      dueDate: i.dueDate,
      days: i.days,
      openAmount: i.openAmount,
      penaltyFlat: i.penaltyFlat,
      penaltyInterest: i.penaltyInterest,
    })),
  };
}

function summaryOf(
  batch: { id: string; as_of: string; skipped: unknown[] },
  lines: Array<{ customerId: string; level: number }>,
  cleared: number,
): DunningClassifyOutput {
  const byLevel: Record<string, number> = {};
  for (const l of lines) byLevel[String(l.level)] = (byLevel[String(l.level)] ?? 0) + 1;
  return {
    id: batch.id,
    asOf: batch.as_of,
    lines: lines.length,
    customers: new Set(lines.map((l) => l.customerId)).size,
    skipped: batch.skipped.length,
    cleared,
    byLevel,
  };
}

/**
 * Classifies the ledger as of the run's day, flags the dunned customers and their invoices, clears the marks of
 * those with nothing overdue any more, and writes the review batch. A retry finds the batch its first attempt wrote
 * (one per run and node) and classifies nothing again: the collector reviews what was classified first.
 */
export function dunningClassifyActivity(deps: ActivityDeps) {
  return async function dunningClassify(input: DunningClassifyInput): Promise<DunningClassifyOutput> {
    const em = deps.orm.em.fork();
    const c = input.config;
    const company = c.company ?? '';
    const asOf = localDate(new Date(input.atIso), input.timezone);
    try {
      const batches = createDunningBatchStore(em);
      const earlier = await batches.byRun(input.runId, input.nodeId);
      if (earlier) {
        const lines = await batches.lines(earlier.id);
        return summaryOf(
          earlier,
          lines.map((l) => ({ customerId: l.customer_id, level: l.level })),
          0,
        );
      }
      const result = await classifyDunning(em, {
        asOf,
        timezone: input.timezone,
        shiftHolidays: c.shiftHolidays,
        defaultCalendar: c.defaultCalendar ?? input.calendar,
        // Outcomes `level1`, `level2`… are the levels, as the flow model's dunningLevelOf reads them.
        levels: c.levels as DecisionTableConfig,
        company,
        penalties: c.penalties === false ? false : { ...(c.contractRate ? { contractRate: c.contractRate } : {}) },
      });
      const dunned = result.customers.filter(
        (x) =>
          x.level !== null &&
          (c.minimumBalance === undefined || compareDecimal(x.overdueBalance, c.minimumBalance) >= 0),
      );
      const marks = createDunningMarksStore(em);
      // Cleared first: a customer dunned today is flagged afresh below, whatever it was before.
      const cleared = await marks.clearPaid(company, asOf);
      await marks.flag(
        company,
        asOf,
        dunned.map((x) => ({
          customerId: x.customerId,
          level: x.level!,
          documents: x.invoices.map((i) => i.document),
        })),
      );
      const batch = await batches.create({
        company,
        flowId: input.flowId,
        runId: input.runId,
        nodeId: input.nodeId,
        asOf,
        timezone: input.timezone,
        config: { letters: c.letters },
        skipped: result.skipped.map((s) => ({ customerId: s.customerId, reason: s.reason })),
        lines: dunned.map(lineOf),
      });
      return summaryOf(
        { id: batch.id, as_of: asOf, skipped: result.skipped },
        dunned.map((x) => ({ customerId: x.customerId, level: x.level! })),
        cleared.length,
      );
    } catch (err) {
      if (isPlatformError(err)) throw platformFailure(err, 'classifying the ledger');
      if (err instanceof LedgerflowError)
        throw ApplicationFailure.create({
          message: `dunning classification: ${err.message}`,
          type: err.code,
          nonRetryable: !err.retryable,
          details: [err.details ?? {}],
        });
      throw err;
    }
  };
}
