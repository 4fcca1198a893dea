// Task rows as stored, the view the API returns, and who may see or act on a task.
import { ConflictError, ForbiddenError, NotFoundError } from '@ledgerflow/flow-model';
import {
  createTaskStore,
  pgTimestampIso,
  type MikroORM,
  type TaskListRow,
  type TaskReader,
  type TaskRow,
} from '@ledgerflow/db';
import type { SessionUser } from '../plugins/auth.plugin.ts';

import { ACTIVE_TASK_STATUSES, type TaskStatus } from '@ledgerflow/flow-model';
export type { TaskRow, TaskListRow } from '@ledgerflow/db';
export type { TaskStatus } from '@ledgerflow/flow-model';
export const ACTIVE: readonly TaskStatus[] = ACTIVE_TASK_STATUSES;

const iso = (d: Date | string | null) => (d ? pgTimestampIso(d) : null);

/** Decimal strings without the column's padding zeros: "15000.0100" -> "15000.01". */
export function trimDecimal(v: string | null): string | null {
  if (v === null) return null;
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export function taskListItem(r: TaskListRow) {
  const dueAt = iso(r.due_at);
  return {
    id: r.id,
    runId: r.run_id,
    flowId: r.flow_id,
    businessKey: r.business_key,
    title: r.title,
    outcomes: r.outcomes.map((o) => ({
      name: o.name,
      ...(o.label ? { label: o.label } : {}),
      ...(o.requires?.length ? { requires: o.requires } : {}),
    })),
    assignee: { type: r.assignee_type, value: r.assignee_value },
    claimedBy: r.claimed_by,
    status: r.status,
    priority: r.priority,
    dueAt,
    overdue: dueAt !== null && ACTIVE.includes(r.status) && Date.parse(dueAt) < Date.now(),
    amount: trimDecimal(r.amount),
    currency: r.currency,
    customer: r.customer,
    outcome: r.outcome,
    completedAt: iso(r.completed_at),
    escalated: r.escalated,
    createdAt: iso(r.created_at)!,
  };
}
export type TaskListItem = ReturnType<typeof taskListItem>;

/** The task's amount in the company currency (converted and rounded by the inbox query); null without a rate. */
export function companyAmount(r: {
  amount_company: string | null;
  company_currency: string;
}): { amount: string; currency: string } | null {
  return r.amount_company === null ? null : { amount: r.amount_company, currency: r.company_currency };
}

export function taskView(r: TaskRow) {
  return {
    ...taskListItem(r),
    workflowId: r.workflow_id,
    nodeId: r.node_id,
    claimedAt: iso(r.claimed_at),
    checkName: r.check_name,
    startedBy: r.started_by,
    completedBy: r.completed_by,
    fourEyes: r.four_eyes,
    updatedAt: iso(r.updated_at)!,
  };
}
export type TaskView = ReturnType<typeof taskView>;

export const isAdmin = (u: SessionUser) => u.roles.includes('admin');
/** Roles that oversee every task: they can read all tasks, reassign and exempt. */
export const isSupervisor = (u: SessionUser) =>
  u.roles.some((r) => r === 'admin' || r === 'manager' || r === 'process_owner');

/** Assigned to this user directly, through one of their roles or groups, or claimed by them. */
export function isAssignedTo(
  t: Pick<TaskRow, 'assignee_type' | 'assignee_value' | 'claimed_by'>,
  u: SessionUser,
): boolean {
  if (t.claimed_by === u.id) return true;
  if (t.assignee_type === 'user') return t.assignee_value === u.id || t.assignee_value === u.username;
  if (t.assignee_type === 'role') return (u.roles as string[]).includes(t.assignee_value);
  return u.groups.includes(t.assignee_value);
}

export function canView(t: TaskRow, u: SessionUser): boolean {
  return isAssignedTo(t, u) || isSupervisor(u) || t.started_by === u.id || t.completed_by === u.id;
}

/** Throws unless the user may decide/claim this task now: assigned to them, and not claimed by someone else (admins override). */
export function assertCanAct(t: TaskRow, u: SessionUser): void {
  if (isAdmin(u)) return;
  if (!isAssignedTo(t, u))
    throw new ForbiddenError(`Task ${t.id} is not assigned to you`, { reason: 'TASK_NOT_YOURS', taskId: t.id });
  if (t.claimed_by && t.claimed_by !== u.id)
    throw new ForbiddenError(`Task ${t.id} is claimed by another user`, {
      reason: 'TASK_CLAIMED_BY_OTHER',
      taskId: t.id,
    });
}

export function assertActive(t: TaskRow): void {
  if (!ACTIVE.includes(t.status))
    throw new ConflictError('TASK_NOT_OPEN', `Task ${t.id} is ${t.status}; it can no longer be changed`, {
      taskId: t.id,
      status: t.status,
    });
}

export async function loadTask(orm: MikroORM, id: string, full = true): Promise<TaskRow> {
  const r = await createTaskStore(orm.em.fork()).get(id, full);
  if (!r) throw new NotFoundError('task', id);
  return r;
}

/** The session's user as the task stores know readers. */
export const taskReader = (u: SessionUser): TaskReader => ({
  id: u.id,
  username: u.username,
  roles: u.roles,
  groups: u.groups,
  supervisor: isSupervisor(u),
});
