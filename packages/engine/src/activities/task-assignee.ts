// Whom a task goes to when it opens. A flow may name people indirectly — the requester's manager, the approver of
// a role whose limit covers the amount — and the task row always gets a concrete user, role or group: inboxes,
// notices and the run's rules only know those.
import {
  compareDecimal,
  evaluateDecision,
  MANAGER_OF_STARTED_BY,
  renderTemplate,
  ROLES,
  type NodeOfKind,
  type Role,
  type TaskAssignee,
  type TaskAssigneeType,
} from '@ledgerflow/flow-model';
import { ApplicationFailure } from '@temporalio/activity';
import { createUserStore, type UserStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';

type TaskConfig = NodeOfKind<'humanTask'>['config'];
export type ResolvedAssignee = { type: TaskAssigneeType; value: string };
/** How an indirect assignee was chosen: what the audit log records beside the task. */
export type AssigneeRouting = {
  rule: 'manager' | 'approver';
  value: string;
  limit?: { amount: string; currency: string };
};
export type ChosenAssignee = ResolvedAssignee & { routing?: AssigneeRouting };

/** What an indirect assignee needs to know about the case. */
export interface AssigneeContext {
  nodeId: string;
  vars: Record<string, unknown>;
  /** Id of the user who started the case (absent for webhook, schedule and feed runs). */
  startedBy?: string | null;
  amount: string | null;
  currency: string | null;
}

/** Picks the first assignment rule that matches the case data, else the default assignee. */
export async function chooseAssignee(
  deps: ActivityDeps,
  cfg: TaskConfig,
  ctx: AssigneeContext,
  timezone: string,
): Promise<ChosenAssignee> {
  for (const rule of cfg.assignmentRules ?? []) {
    const r = await evaluateDecision(
      { outcomes: [{ name: 'match', when: rule.when }], defaultOutcome: 'no' },
      ctx.vars,
      { now: new Date(), timezone },
    );
    if (r.outcome === 'match') return resolveAssignee(deps, rule.assignee, ctx);
  }
  return resolveAssignee(deps, cfg.assignee, ctx);
}

/** `{{ owner }}`: the case names its assignee (a dispute's owner, the customer's sales area). */
async function rendered(a: TaskAssignee, ctx: AssigneeContext): Promise<string> {
  if (!a.value.includes('{{')) return a.value;
  const value = (await renderTemplate(a.value, ctx.vars)).trim();
  if (!value) {
    throw ApplicationFailure.nonRetryable(
      `task '${ctx.nodeId}': the assignee ${a.type} '${a.value}' is empty for this case`,
      'TASK_ASSIGNEE_EMPTY',
      { nodeId: ctx.nodeId, assignee: a },
    );
  }
  return value;
}

export async function resolveAssignee(
  deps: ActivityDeps,
  a: TaskAssignee,
  ctx: AssigneeContext,
): Promise<ChosenAssignee> {
  const value = await rendered(a, ctx);
  if (a.type === 'manager')
    return {
      type: 'user',
      value: await managerOf(createUserStore(deps.orm.em.fork()), value, ctx),
      routing: { rule: 'manager', value },
    };
  if (a.type === 'approver') {
    const best = await approverFor(createUserStore(deps.orm.em.fork()), value, ctx);
    return {
      type: 'user',
      value: best.username,
      routing: { rule: 'approver', value, limit: { amount: best.limit, currency: ctx.currency! } },
    };
  }
  return { type: a.type, value };
}

/** The enabled manager of `whose` (`startedBy`: the case's requester; else a username or id). */
async function managerOf(users: UserStore, whose: string, ctx: AssigneeContext): Promise<string> {
  const fail = (why: string) =>
    ApplicationFailure.nonRetryable(`task '${ctx.nodeId}': ${why}`, 'NO_MANAGER', { nodeId: ctx.nodeId, whose });
  let userId: string | null | undefined;
  if (whose === MANAGER_OF_STARTED_BY) {
    userId = ctx.startedBy;
    if (!userId) throw fail('nobody started this case, so it has no requester whose manager could decide');
  } else {
    const [u] = await users.contactsOfAssignee('user', whose);
    if (!u) throw fail(`there is no active user '${whose}' whose manager could decide`);
    userId = u.id;
  }
  const profile = await users.approvalProfile(userId);
  const manager = profile?.managerUsername;
  if (!manager) throw fail(`${whose === MANAGER_OF_STARTED_BY ? 'the requester' : whose} has no manager`);
  const [active] = await users.contactsByUsername([manager]);
  if (!active) throw fail(`the manager ${manager} is disabled`);
  return active.username;
}

/** The enabled user of `role` with the smallest approval limit, in the task's currency, covering its amount. */
async function approverFor(
  users: UserStore,
  role: string,
  ctx: AssigneeContext,
): Promise<{ username: string; limit: string }> {
  const { amount, currency, nodeId } = ctx;
  const fail = (why: string) =>
    ApplicationFailure.nonRetryable(`task '${nodeId}': ${why}`, 'NO_APPROVER_FOR_AMOUNT', {
      nodeId,
      role,
      amount,
      currency,
    });
  if (!(ROLES as readonly string[]).includes(role)) throw fail(`'${role}' is not a role`);
  if (amount === null || currency === null)
    throw fail('the task has no amount and currency, so no approval limit can be matched');
  let best: { username: string; limit: string } | null = null;
  for (const u of await users.approversForRole(role as Role)) {
    if (!u.limit || u.limit.currency !== currency || compareDecimal(u.limit.amount, amount) < 0) continue;
    // Smallest limit that covers the amount: the lowest level allowed to decide. Ties go to the first by username.
    if (!best || compareDecimal(u.limit.amount, best.limit) < 0) best = { username: u.username, limit: u.limit.amount };
  }
  if (!best) throw fail(`no active ${role} has an approval limit covering ${amount} ${currency}`);
  return best;
}
