import {
  computeWaitUntil,
  evaluateDecision,
  evaluateExpression,
  isCanonicalDecimal,
  isCurrencyCode,
  renderTemplate,
  type NodeOfKind,
} from '@ledgerflow/flow-model';
import { ApplicationFailure } from '@temporalio/activity';
import { createTaskWriter, type TaskChange } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { CreateTaskInput, CreateTaskOutput, TaskProjectionInput, TaskTransitionInput } from './activity-types.ts';

type TaskConfig = NodeOfKind<'humanTask'>['config'];

type Assignee = { type: 'user' | 'role' | 'group'; value: string };

/** Picks the first assignment rule that matches the case data, else the default assignee. */
async function assignee(
  cfg: TaskConfig,
  vars: Record<string, unknown>,
  timezone: string,
  nodeId: string,
): Promise<Assignee> {
  for (const rule of cfg.assignmentRules ?? []) {
    const r = await evaluateDecision({ outcomes: [{ name: 'match', when: rule.when }], defaultOutcome: 'no' }, vars, {
      now: new Date(),
      timezone,
    });
    if (r.outcome === 'match') return resolveAssignee(rule.assignee, vars, nodeId);
  }
  return resolveAssignee(cfg.assignee, vars, nodeId);
}

/** `{{ owner }}`: the case names its assignee (a dispute's owner, the customer's sales area). */
async function resolveAssignee(a: Assignee, vars: Record<string, unknown>, nodeId: string): Promise<Assignee> {
  if (!a.value.includes('{{')) return a;
  const value = (await renderTemplate(a.value, vars)).trim();
  if (!value) {
    throw ApplicationFailure.nonRetryable(
      `task '${nodeId}': the assignee ${a.type} '${a.value}' is empty for this case`,
      'TASK_ASSIGNEE_EMPTY',
      { nodeId, assignee: a },
    );
  }
  return { type: a.type, value };
}

function pick(vars: Record<string, unknown>, names: string[]): unknown {
  for (const n of names) {
    const parts = n.split('.');
    let v: unknown = vars;
    for (const p of parts) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

export function createTaskActivity(deps: ActivityDeps) {
  return async function createTask(input: CreateTaskInput): Promise<CreateTaskOutput> {
    const cfg = input.config as unknown as TaskConfig;
    const vars = input.vars;
    const now = new Date(input.nowIso);
    const opts = { calendar: input.settings.calendar, timezone: input.settings.timezone, vars };
    const dueAt = cfg.due ? await computeWaitUntil(cfg.due, now, opts) : null;
    const remindAt = cfg.remindAfter ? await computeWaitUntil(cfg.remindAfter, now, opts) : null;
    const escalateAt = cfg.escalateAfter ? await computeWaitUntil(cfg.escalateAfter, now, opts) : null;
    const who = await assignee(cfg, vars, input.settings.timezone, input.nodeId);
    const title = await renderTemplate(cfg.title, vars);
    const description = cfg.description ? await renderTemplate(cfg.description, vars) : '';
    // Amount and customer are indexed for inbox filters: from the node's expressions, else conventional names.
    const money = cfg.amount
      ? await evaluateExpression(cfg.amount, vars)
      : pick(vars, ['amount', 'record.amount', 'record.totalNetAmount']);
    const amountRaw = money && typeof money === 'object' ? (money as { amount?: unknown }).amount : money;
    const amount = typeof amountRaw === 'string' || typeof amountRaw === 'number' ? String(amountRaw) : null;
    const currency =
      (money && typeof money === 'object' ? (money as { currency?: unknown }).currency : undefined) ??
      pick(vars, ['currency', 'record.currency']);
    const customer = cfg.customer
      ? await evaluateExpression(cfg.customer, vars)
      : pick(vars, ['customer', 'customerName', 'record.customer', 'record.soldToParty']);
    await createTaskWriter(deps.orm.em.fork()).insert({
      id: input.taskId,
      runId: input.runId,
      workflowId: input.workflowId,
      flowId: input.flowId,
      nodeId: input.nodeId,
      businessKey: input.businessKey,
      title,
      description,
      form: cfg.form ?? {},
      outcomes: cfg.outcomes,
      assignee: who,
      priority: cfg.priority ?? 'normal',
      dueAt: dueAt?.toISOString() ?? null,
      amount: isCanonicalDecimal(amount) ? amount : null,
      currency: isCurrencyCode(currency) ? currency : null,
      customer: typeof customer === 'string' ? customer : customer === undefined ? null : JSON.stringify(customer),
      check: cfg.check ?? null,
      startedBy: input.startedBy ?? null,
      variables: vars,
      fourEyes: cfg.fourEyes === true,
    });
    await deps.onTaskChanged?.(input.taskId, 'created');
    return {
      taskId: input.taskId,
      dueAtIso: dueAt?.toISOString() ?? null,
      remindAtIso: remindAt?.toISOString() ?? null,
      escalateAtIso: escalateAt?.toISOString() ?? null,
      assignee: who,
    };
  };
}

/** The main path's changes of a task (timers, exemptions): the row follows what the run did. */
function transitionChange(input: TaskTransitionInput): TaskChange | null {
  if (input.kind === 'expired' || input.kind === 'cancelled') return { kind: input.kind };
  if (input.kind === 'escalated') return { kind: 'escalated', to: input.escalateTo ?? null };
  if (input.kind === 'exempted' && input.exemption) return { kind: 'exempted', ...input.exemption };
  return null;
}

export function transitionTaskActivity(deps: ActivityDeps) {
  return async function transitionTask(input: TaskTransitionInput): Promise<void> {
    const change = transitionChange(input);
    const ex = input.exemption;
    const history =
      input.kind === 'exempted' && ex
        ? { kind: 'exempted', userId: ex.userId, reason: ex.reason, data: { check: ex.check } }
        : undefined;
    if (change)
      await createTaskWriter(deps.orm.em.fork()).apply({ taskId: input.taskId, change, rev: input.rev, history });
    await deps.onTaskChanged?.(input.taskId, input.kind);
  };
}

/** The one writer of a task change an update (or the end of its run) decided: row and history in one statement. */
export function projectTaskActivity(deps: ActivityDeps) {
  return async function projectTask(input: TaskProjectionInput): Promise<void> {
    const changed = await createTaskWriter(deps.orm.em.fork()).apply({
      taskId: input.taskId,
      change: input.change,
      rev: input.rev,
      history: input.history,
    });
    // Keyed by revision: a retried write records its notice once.
    if (changed && input.notify) await deps.onTaskChanged?.(input.taskId, input.notify, `r${input.rev}`);
  };
}
