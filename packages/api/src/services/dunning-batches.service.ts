// The collector's review of a dunning batch: the batches, one batch with its lines and review task, the changes a
// collector makes (deselect, another level) while it is in review, and the letter preview. Sending is the review
// task's decision (outcome `send`), so the run's dunning.send node sends exactly what was reviewed.
import type { FastifyRequest } from 'fastify';
import {
  ACTIVE_TASK_STATUSES,
  ConflictError,
  currencyDigits,
  formatDecimal,
  NotFoundError,
  parseDecimal,
  type DunningBatchStatus,
  type TaskStatus,
} from '@ledgerflow/flow-model';
import {
  createDunningBatchStore,
  pgTimestampIso,
  type DunningBatchRow,
  type DunningBatchStore,
  type DunningLineRow,
  type DunningReviewTask,
} from '@ledgerflow/db';
import { previewDunningLetter } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';

/** numeric(20,4) text at the currency's digits, keeping any further non-zero digit. */
const amount = (v: string, currency: string) => formatDecimal(parseDecimal(v), currencyDigits(currency));

export const batchView = (b: DunningBatchRow) => ({
  id: b.id,
  company: b.company,
  flowId: b.flow_id,
  runId: b.run_id,
  asOf: b.as_of,
  timezone: b.timezone,
  status: b.status,
  createdAt: pgTimestampIso(b.created_at),
  sentAt: b.sent_at ? pgTimestampIso(b.sent_at) : null,
  lineCount: b.line_count,
  selectedCount: b.selected_count,
  sentCount: b.sent_count,
});

export const lineView = (l: DunningLineRow) => ({
  id: l.id,
  customerId: l.customer_id,
  customerName: l.customer_name,
  language: l.language,
  email: l.email,
  currency: l.currency,
  level: l.level,
  levelOverride: l.level_override,
  effectiveLevel: l.level_override ?? l.level,
  days: l.days,
  balance: amount(l.balance, l.currency),
  totalOpen: amount(l.total_open, l.currency),
  penaltyFlat: amount(l.penalty_flat, 'EUR'),
  penaltyInterest: amount(l.penalty_interest, l.currency),
  items: l.items.map((i) => ({
    document: i.document,
    dueDate: i.dueDate,
    days: i.days,
    openAmount: amount(i.openAmount, l.currency),
    penaltyFlat: amount(i.penaltyFlat, 'EUR'),
    penaltyInterest: amount(i.penaltyInterest, l.currency),
  })),
  selected: l.selected,
  status: l.status,
  letterKey: l.letter_key,
  error: l.error,
});

export async function listDunningBatches(
  deps: AppDeps,
  q: { status?: DunningBatchStatus; limit: number; offset: number },
) {
  const { items, total } = await createDunningBatchStore(deps.orm.em.fork()).list(q);
  return { items: items.map(batchView), total };
}

/**
 * A batch whose review was decided without sending (the outcome's edge does not lead to a dunning.send node) will
 * never be sent: it is cancelled, so the list stops showing it in review and its lines stop changing.
 */
async function settleUnsent(store: DunningBatchStore, batch: DunningBatchRow, task: DunningReviewTask | undefined) {
  if (batch.status !== 'review' || !task || ACTIVE_TASK_STATUSES.includes(task.status as TaskStatus)) return batch;
  const def = (await store.runDefinition(batch.run_id)) as
    | {
        nodes: Array<{ id: string; kind: string }>;
        edges: Array<{ source: string; target: string; sourceHandle?: string }>;
      }
    | undefined;
  const edge = def?.edges.find((e) => e.source === task.node_id && e.sourceHandle === task.outcome);
  const target = def?.nodes.find((n) => n.id === edge?.target);
  if (!def || target?.kind === 'dunning.send') return batch;
  await store.transition(batch.id, ['review'], 'cancelled');
  return (await store.get(batch.id)) ?? batch;
}

export async function getDunningBatch(deps: AppDeps, id: string) {
  const store = createDunningBatchStore(deps.orm.em.fork());
  const found = await store.get(id);
  if (!found) throw new NotFoundError('dunning batch', id);
  const [lines, task] = await Promise.all([store.lines(id), store.reviewTask(found.run_id)]);
  const batch = await settleUnsent(store, found, task);
  const outcomes = (task?.outcomes ?? []) as Array<{ name: string } | string>;
  return {
    batch: batchView(batch),
    skipped: batch.skipped,
    levels: ((batch.config.letters ?? []) as Array<{ level: number }>).map((l) => l.level).sort((a, b) => a - b),
    task: task
      ? { id: task.id, status: task.status, outcomes: outcomes.map((o) => (typeof o === 'string' ? o : o.name)) }
      : null,
    lines: lines.map(lineView),
  };
}

export async function changeDunningLine(
  deps: AppDeps,
  req: FastifyRequest,
  batchId: string,
  lineId: string,
  change: { selected?: boolean; levelOverride?: number | null },
) {
  const store = createDunningBatchStore(deps.orm.em.fork());
  const before = await store.line(batchId, lineId);
  if (!before) throw new NotFoundError('dunning batch line', `${batchId}/${lineId}`);
  const batch = (await store.get(batchId))!;
  await settleUnsent(store, batch, await store.reviewTask(batch.run_id));
  const after = await store.updateLine(batchId, lineId, change);
  if (!after) {
    const batch = await store.get(batchId);
    throw new ConflictError(
      'DUNNING_BATCH_NOT_IN_REVIEW',
      `the batch is ${batch?.status ?? 'gone'}: its lines can no longer change`,
      { batchId, status: batch?.status ?? null },
    );
  }
  const brief = (l: DunningLineRow) => ({ selected: l.selected, levelOverride: l.level_override });
  await recordAudit(deps, req, {
    action: 'dunning.line_changed',
    targetType: 'dunning_batch_line',
    targetId: `${batchId}/${lineId}`,
    before: brief(before),
    after: brief(after),
    details: { customerId: after.customer_id, currency: after.currency, level: after.level },
  });
  return lineView(after);
}

export async function previewDunningLine(deps: AppDeps, batchId: string, lineId: string) {
  return previewDunningLetter(deps.orm.em.fork(), deps.registry, batchId, lineId);
}
