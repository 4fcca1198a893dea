import { computeWaitUntil, evaluateDecision, evaluateExpression, renderTemplate, type NodeOfKind } from '@ledgerflow/flow-model';
import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from './deps.ts';
import type { CreateTaskInput, CreateTaskOutput, TaskTransitionInput } from './activity-types.ts';

type TaskConfig = NodeOfKind<'humanTask'>['config'];

type Assignee = { type: 'user' | 'role' | 'group'; value: string };

/** Picks the first assignment rule that matches the case data, else the default assignee. */
async function assignee(cfg: TaskConfig, vars: Record<string, unknown>, timezone: string, nodeId: string): Promise<Assignee> {
  for (const rule of cfg.assignmentRules ?? []) {
    const r = await evaluateDecision({ outcomes: [{ name: 'match', when: rule.when }], defaultOutcome: 'no' }, vars, { now: new Date(), timezone });
    if (r.outcome === 'match') return resolveAssignee(rule.assignee, vars, nodeId);
  }
  return resolveAssignee(cfg.assignee, vars, nodeId);
}

/** `{{ owner }}`: the case names its assignee (a dispute's owner, the customer's sales area). */
async function resolveAssignee(a: Assignee, vars: Record<string, unknown>, nodeId: string): Promise<Assignee> {
  if (!a.value.includes('{{')) return a;
  const value = (await renderTemplate(a.value, vars)).trim();
  if (!value) {
    throw ApplicationFailure.nonRetryable(`task '${nodeId}': the assignee ${a.type} '${a.value}' is empty for this case`, 'TASK_ASSIGNEE_EMPTY', { nodeId, assignee: a });
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
    const money = cfg.amount ? await evaluateExpression(cfg.amount, vars) : pick(vars, ['amount', 'record.amount', 'record.totalNetAmount']);
    const amountRaw = money && typeof money === 'object' ? (money as { amount?: unknown }).amount : money;
    const amount = typeof amountRaw === 'string' || typeof amountRaw === 'number' ? String(amountRaw) : null;
    const currency = (money && typeof money === 'object' ? (money as { currency?: unknown }).currency : undefined) ?? pick(vars, ['currency', 'record.currency']);
    const customer = cfg.customer ? await evaluateExpression(cfg.customer, vars) : pick(vars, ['customer', 'customerName', 'record.customer', 'record.soldToParty']);
    await deps.orm.em.fork().getConnection().execute(
      `insert into tasks (id, run_id, workflow_id, flow_id, node_id, business_key, title, description, form, outcomes, assignee_type, assignee_value,
         status, priority, due_at, amount, currency, customer, check_name, started_by, data, four_eyes)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (id) do nothing`,
      [
        input.taskId, input.runId, input.workflowId, input.flowId, input.nodeId, input.businessKey, title, description,
        JSON.stringify(cfg.form ?? {}), JSON.stringify(cfg.outcomes), who.type, who.value, cfg.priority ?? 'normal',
        dueAt?.toISOString() ?? null, amount && /^-?\d+(\.\d+)?$/.test(amount) ? amount : null, typeof currency === 'string' ? currency : null,
        typeof customer === 'string' ? customer : customer === undefined ? null : JSON.stringify(customer), cfg.check ?? null, input.startedBy ?? null,
        JSON.stringify({ variables: vars }), cfg.fourEyes === true,
      ],
    );
    await deps.onTaskChanged?.(input.taskId, 'created');
    return { taskId: input.taskId, dueAtIso: dueAt?.toISOString() ?? null, remindAtIso: remindAt?.toISOString() ?? null, escalateAtIso: escalateAt?.toISOString() ?? null, assignee: who };
  };
}

export function transitionTaskActivity(deps: ActivityDeps) {
  return async function transitionTask(input: TaskTransitionInput): Promise<void> {
    const conn = deps.orm.em.fork().getConnection();
    if (input.kind === 'expired' || input.kind === 'cancelled') {
      await conn.execute(`update tasks set status = ?, updated_at = now() where id = ? and status in ('open', 'claimed')`, [input.kind, input.taskId]);
    } else if (input.kind === 'escalated') {
      await conn.execute(
        `update tasks set escalated = true, claimed_by = null, status = 'open', assignee_type = coalesce(?, assignee_type), assignee_value = coalesce(?, assignee_value), priority = case when priority = 'urgent' then 'urgent' else 'high' end, updated_at = now() where id = ? and status in ('open', 'claimed')`,
        [input.escalateTo?.type ?? null, input.escalateTo?.value ?? null, input.taskId],
      );
    } else if (input.kind === 'exempted' && input.exemption) {
      const ex = input.exemption;
      await conn.execute(
        `update tasks set status = 'completed', outcome = ?, completed_by = ?, completed_at = now(), claimed_by = null, updated_at = now(),
           data = data || jsonb_build_object('exemption', jsonb_build_object('check', ?::text, 'reason', ?::text, 'by', ?::text))
         where id = ? and status in ('open', 'claimed')`,
        [ex.outcome, ex.userId, ex.check, ex.reason, ex.userId, input.taskId],
      );
    }
    await deps.onTaskChanged?.(input.taskId, input.kind);
  };
}
