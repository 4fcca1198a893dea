// The rules of a human task, owned by its run: who may claim, move or decide it, and with which outcome.
// Checked synchronously by the task updates' validators; a refusal is an ApplicationFailure whose type is
// the stable code (TASK_FAILURES), so callers never read the message.
import { ApplicationFailure } from '@temporalio/workflow';
import { compareDecimal } from '@ledgerflow/flow-model/decimal';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import type { RunContext } from './run-context.ts';
import type { TaskAction, TaskCompletion, TaskFailureType } from './messages.ts';

/** The run's view of one of its tasks; the tasks row is its projection. */
export interface TaskState {
  nodeId: string;
  check: string | null;
  /** deciding: a completion is being written; settled: the task no longer takes changes. */
  status: 'open' | 'claimed' | 'deciding' | 'settled';
  /** Null until the createTask activity has said whom the rules assigned. */
  assignee: { type: string; value: string } | null;
  claimedBy: string | null;
  /** Revision of the row: each write carries the next one, so a retried or stale write changes nothing. */
  rev: number;
  /** The task's amount and currency (createTask's answer): an approval must be within the approver's limit. */
  amount: string | null;
  currency: string | null;
}

export function taskFailure(
  type: TaskFailureType,
  message: string,
  details?: Record<string, unknown>,
): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : undefined });
}

const isActive = (t: TaskState) => t.status === 'open' || t.status === 'claimed';
const isAdmin = (roles?: string[]) => !!roles?.includes('admin');
const isSupervisor = (roles?: string[]) =>
  !!roles?.some((r) => r === 'admin' || r === 'manager' || r === 'process_owner');

/** Source systems name users their own way (SAP: "JDUPONT"): compared with the Ledgerflow id or user name, ignoring case. */
function sameSourceUser(sourceUser: string | null, c: { userId: string; username?: string }): boolean {
  if (!sourceUser) return false;
  const who = sourceUser.trim().toLowerCase();
  return who === c.userId.toLowerCase() || (!!c.username && who === c.username.toLowerCase());
}

function openTask(ctx: RunContext, taskId: string): { t: TaskState; node: NodeOfKind<'humanTask'> } {
  const t = ctx.openTasks.get(taskId);
  if (!t || !isActive(t) || ctx.taskResults.has(taskId))
    throw taskFailure('TASK_NOT_OPEN', `task ${taskId} is not open in this run`, { taskId });
  const node = ctx.graph.nodes.get(t.nodeId);
  if (node?.kind !== 'humanTask') throw taskFailure('TASK_NOT_OPEN', `task ${taskId} has no task node`, { taskId });
  return { t, node };
}

/** 'rejected' when the flow declares the outcome a rejection; every other outcome completes the task. */
export function outcomeStatus(node: NodeOfKind<'humanTask'>, outcome: string): 'completed' | 'rejected' {
  return node.config.outcomes.find((o) => o.name === outcome)?.kind === 'reject' ? 'rejected' : 'completed';
}

/**
 * Approving a task with an amount needs a limit covering it, in the task's currency. Users without any limit are
 * not limited unless the node requires one; a limit in another currency covers nothing (no conversion here).
 */
export function checkApprovalLimit(t: TaskState, node: NodeOfKind<'humanTask'>, c: TaskCompletion): void {
  if (!t.amount || !t.currency) return;
  const limit = c.approvalLimit ?? null;
  if (!limit && !node.config.requireApprovalLimit) return;
  const details = { taskId: c.taskId, amount: t.amount, currency: t.currency, limit };
  if (!limit)
    throw taskFailure(
      'APPROVAL_LIMIT_EXCEEDED',
      `approving ${t.amount} ${t.currency} needs an approval limit, and you have none`,
      details,
    );
  if (limit.currency !== t.currency)
    throw taskFailure(
      'APPROVAL_LIMIT_EXCEEDED',
      `your approval limit is in ${limit.currency}; this task is ${t.amount} ${t.currency}`,
      details,
    );
  if (compareDecimal(limit.amount, t.amount) < 0)
    throw taskFailure(
      'APPROVAL_LIMIT_EXCEEDED',
      `your approval limit of ${limit.amount} ${limit.currency} is below this task's ${t.amount} ${t.currency}`,
      details,
    );
}

export function checkCompletion(ctx: RunContext, c: TaskCompletion): void {
  const { t, node } = openTask(ctx, c.taskId);
  const outcome = node.config.outcomes.find((o) => o.name === c.outcome);
  if (!outcome)
    throw taskFailure('TASK_OUTCOME_INVALID', `'${c.outcome}' is not an outcome of this task`, {
      taskId: c.taskId,
      outcome: c.outcome,
    });
  if (t.claimedBy && t.claimedBy !== c.userId && !isAdmin(c.userRoles)) {
    throw taskFailure('TASK_CLAIMED_BY_OTHER', `task ${c.taskId} is claimed by another user`, { taskId: c.taskId });
  }
  if (outcome.kind === 'approve') checkApprovalLimit(t, node, c);
  if (node.config.fourEyes) {
    if (c.userId === ctx.input.startedBy)
      throw taskFailure('FOUR_EYES', 'the person who started this case cannot decide its task', {
        taskId: c.taskId,
        rule: 'startedBy',
      });
    if (c.userId === ctx.lastChangedBy)
      throw taskFailure('FOUR_EYES', 'the person who last changed this case cannot decide its task', {
        taskId: c.taskId,
        rule: 'lastChangedBy',
      });
    if (sameSourceUser(ctx.sourceChangedBy, c)) {
      throw taskFailure(
        'FOUR_EYES',
        `${ctx.sourceChangedBy} changed this record in the source system and cannot decide its task`,
        { taskId: c.taskId, rule: 'sourceChangedBy' },
      );
    }
  }
  // Blank text counts as missing: "reject" with a reason of spaces has no reason.
  const missing = (outcome.requires ?? []).filter((f) => {
    const v = c.data?.[f];
    return v === undefined || v === null || (typeof v === 'string' && !v.trim());
  });
  if (missing.length) {
    throw taskFailure('FORM_INVALID', `${missing.join(', ')} required to ${c.outcome}`, {
      problems: missing.map((f) => ({
        path: `/data/${f}`,
        code: 'REQUIRED',
        message: `${f} is required to ${c.outcome}`,
      })),
    });
  }
}

export function checkAction(ctx: RunContext, a: TaskAction): void {
  const { t } = openTask(ctx, a.taskId);
  const me = a.actor.userId;
  const admin = isAdmin(a.actor.roles);
  if (a.action === 'claim') {
    if (t.claimedBy && t.claimedBy !== me) {
      if (admin)
        throw taskFailure('TASK_ALREADY_CLAIMED', `task ${a.taskId} is already claimed`, {
          taskId: a.taskId,
          claimedBy: t.claimedBy,
        });
      throw taskFailure('TASK_CLAIMED_BY_OTHER', `task ${a.taskId} is claimed by another user`, { taskId: a.taskId });
    }
  } else if (a.action === 'unclaim') {
    if (t.status !== 'claimed')
      throw taskFailure('TASK_NOT_CLAIMED', `task ${a.taskId} is not claimed`, { taskId: a.taskId });
    if (t.claimedBy !== me && !admin)
      throw taskFailure('TASK_CLAIMED_BY_OTHER', `task ${a.taskId} is claimed by another user`, { taskId: a.taskId });
  } else if (a.action === 'delegate') {
    if (!isSupervisor(a.actor.roles) && t.claimedBy && t.claimedBy !== me) {
      throw taskFailure('TASK_CLAIMED_BY_OTHER', `task ${a.taskId} is claimed by another user`, { taskId: a.taskId });
    }
    if (a.to.value === me)
      throw taskFailure('DELEGATE_SELF', 'you cannot delegate a task to yourself', { taskId: a.taskId });
  }
}
