import {
  computeWaitUntil,
  evaluateExpression,
  isCanonicalDecimal,
  isCurrencyCode,
  renderTemplate,
  type AuditAction,
  type NodeOfKind,
} from '@ledgerflow/flow-model';
import { createAuditStore, createTaskWriter, type TaskChange } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { CreateTaskInput, CreateTaskOutput, TaskProjectionInput, TaskTransitionInput } from './activity-types.ts';
import { chooseAssignee, resolveAssignee, type AssigneeRouting, type ResolvedAssignee } from './task-assignee.ts';

type TaskConfig = NodeOfKind<'humanTask'>['config'];

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
    const expireAt = cfg.expireAfter ? await computeWaitUntil(cfg.expireAfter, now, opts) : null;
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
    const taskAmount = isCanonicalDecimal(amount) ? amount : null;
    const taskCurrency = isCurrencyCode(currency) ? currency : null;
    // An approver is matched on the task's amount, so it is known before the assignee.
    const { routing, ...who } = await chooseAssignee(
      deps,
      cfg,
      { nodeId: input.nodeId, vars, startedBy: input.startedBy, amount: taskAmount, currency: taskCurrency },
      input.settings.timezone,
    );
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
      amount: taskAmount,
      currency: taskCurrency,
      customer: typeof customer === 'string' ? customer : customer === undefined ? null : JSON.stringify(customer),
      check: cfg.check ?? null,
      startedBy: input.startedBy ?? null,
      variables: vars,
      fourEyes: cfg.fourEyes === true,
    });
    if (routing) await recordRouting(deps, input.taskId, who.value, routing, taskAmount, taskCurrency, 'created');
    await deps.onTaskChanged?.(input.taskId, 'created');
    return {
      taskId: input.taskId,
      dueAtIso: dueAt?.toISOString() ?? null,
      remindAtIso: remindAt?.toISOString() ?? null,
      escalateAtIso: escalateAt?.toISOString() ?? null,
      expireAtIso: expireAt?.toISOString() ?? null,
      assignee: who,
      amount: taskAmount,
      currency: taskCurrency,
    };
  };
}

/**
 * "The requester's manager" or "the approver whose limit covers the amount" is a decision the platform made:
 * recorded once per task and moment (the key survives an activity retry), by nobody in particular.
 */
async function recordRouting(
  deps: ActivityDeps,
  taskId: string,
  to: string,
  routing: AssigneeRouting,
  amount: string | null,
  currency: string | null,
  moment: 'created' | 'escalated',
): Promise<void> {
  await createAuditStore(deps.orm.em.fork()).insert({
    action: 'task.routed' satisfies AuditAction,
    actorId: null,
    actorUsername: null,
    ip: null,
    userAgent: null,
    targetType: 'task',
    targetId: taskId,
    before: null,
    after: { assignee: { type: 'user', value: to } },
    details: { moment, rule: routing.rule, value: routing.value, amount, currency, limit: routing.limit ?? null },
    dedupeKey: `task.routed:${taskId}:${moment}`,
  });
}

/** The main path's changes of a task (timers, exemptions): the row follows what the run did. */
function transitionChange(input: TaskTransitionInput): TaskChange | null {
  if (input.kind === 'expired' || input.kind === 'cancelled') return { kind: input.kind };
  if (input.kind === 'escalated') return { kind: 'escalated', to: input.escalateTo ?? null };
  if (input.kind === 'exempted' && input.exemption) return { kind: 'exempted', ...input.exemption };
  return null;
}

/** An escalation to the requester's manager or an approver names a user once it happens. */
async function indirectEscalation(
  deps: ActivityDeps,
  input: TaskTransitionInput,
): Promise<ResolvedAssignee | undefined> {
  const to = input.escalateTo;
  if (input.kind !== 'escalated' || !to) return undefined;
  if (to.type !== 'manager' && to.type !== 'approver') return undefined;
  const c = input.case;
  const amount = c?.amount ?? null;
  const currency = c?.currency ?? null;
  const { routing, ...who } = await resolveAssignee(deps, to, {
    nodeId: c?.nodeId ?? '',
    vars: c?.vars ?? {},
    startedBy: c?.startedBy,
    amount,
    currency,
  });
  if (routing) await recordRouting(deps, input.taskId, who.value, routing, amount, currency, 'escalated');
  return who;
}

export function transitionTaskActivity(deps: ActivityDeps) {
  return async function transitionTask(input: TaskTransitionInput): Promise<{ escalatedTo?: ResolvedAssignee }> {
    const escalatedTo = await indirectEscalation(deps, input);
    if (escalatedTo) input = { ...input, escalateTo: escalatedTo };
    const change = transitionChange(input);
    const ex = input.exemption;
    const history =
      input.kind === 'exempted' && ex
        ? { kind: 'exempted', userId: ex.userId, reason: ex.reason, data: { check: ex.check } }
        : undefined;
    if (change)
      await createTaskWriter(deps.orm.em.fork()).apply({ taskId: input.taskId, change, rev: input.rev, history });
    await deps.onTaskChanged?.(input.taskId, input.kind);
    return escalatedTo ? { escalatedTo } : {};
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
