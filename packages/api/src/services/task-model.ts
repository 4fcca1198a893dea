// Task rows as stored, the view the API returns, and who may see or act on a task.
import { ConflictError, ForbiddenError, NotFoundError } from '@ledgerflow/flow-model';
import { pgTimestampIso, type MikroORM } from '@ledgerflow/db';
import type { SessionUser } from '../plugins/auth.plugin.ts';

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'rejected', 'expired', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const ACTIVE: readonly TaskStatus[] = ['open', 'claimed'];

export interface TaskRow {
  id: string; run_id: string; workflow_id: string; flow_id: string; node_id: string; business_key: string; title: string; description?: string;
  form?: { schema?: Record<string, unknown>; uiSchema?: Record<string, unknown> }; outcomes: Array<{ name: string; label?: string; requires?: string[] }>;
  assignee_type: 'user' | 'role' | 'group'; assignee_value: string; claimed_by: string | null; claimed_at: Date | null; status: TaskStatus; priority: string;
  due_at: Date | null; amount: string | null; currency: string | null; customer: string | null; check_name: string | null; started_by: string | null;
  outcome: string | null; completed_by: string | null; completed_at: Date | null; data?: { variables?: Record<string, unknown>; [k: string]: unknown };
  escalated: boolean; four_eyes: boolean; created_at: Date; updated_at: Date;
}

/**
 * Columns of an inbox list row: what the list shows and filters on, nothing heavier. The list is the
 * hottest read of the product; who started or completed a task, its node and check come with the task.
 */
export const LIST_COLUMNS = `t.id, t.run_id, t.flow_id, t.business_key, t.title, t.outcomes, t.assignee_type, t.assignee_value, t.claimed_by,
  t.status, t.priority, t.due_at, t.amount::text as amount, t.currency, t.customer, t.outcome, t.completed_at, t.escalated, t.created_at`;

/** Columns of one task (actions' answers, the detail page). */
export const TASK_COLUMNS = `${LIST_COLUMNS}, t.workflow_id, t.node_id, t.claimed_at, t.check_name, t.started_by, t.completed_by, t.four_eyes, t.updated_at`;

const iso = (d: Date | string | null) => (d ? pgTimestampIso(d) : null);

/** Decimal strings without the column's padding zeros: "15000.0100" -> "15000.01". */
export function trimDecimal(v: string | null): string | null {
  if (v === null) return null;
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export type TaskListRow = Pick<TaskRow, 'id' | 'run_id' | 'flow_id' | 'business_key' | 'title' | 'outcomes' | 'assignee_type' | 'assignee_value' | 'claimed_by'
  | 'status' | 'priority' | 'due_at' | 'amount' | 'currency' | 'customer' | 'outcome' | 'completed_at' | 'escalated' | 'created_at'>;

export function taskListItem(r: TaskListRow) {
  const dueAt = iso(r.due_at);
  return {
    id: r.id, runId: r.run_id, flowId: r.flow_id, businessKey: r.business_key, title: r.title,
    outcomes: r.outcomes.map((o) => ({ name: o.name, ...(o.label ? { label: o.label } : {}), ...(o.requires?.length ? { requires: o.requires } : {}) })),
    assignee: { type: r.assignee_type, value: r.assignee_value }, claimedBy: r.claimed_by, status: r.status, priority: r.priority,
    dueAt, overdue: dueAt !== null && ACTIVE.includes(r.status) && Date.parse(dueAt) < Date.now(),
    amount: trimDecimal(r.amount), currency: r.currency, customer: r.customer, outcome: r.outcome, completedAt: iso(r.completed_at), escalated: r.escalated, createdAt: iso(r.created_at)!,
  };
}
export type TaskListItem = ReturnType<typeof taskListItem>;

export function taskView(r: TaskRow) {
  return {
    ...taskListItem(r), workflowId: r.workflow_id, nodeId: r.node_id, claimedAt: iso(r.claimed_at), checkName: r.check_name, startedBy: r.started_by,
    completedBy: r.completed_by, fourEyes: r.four_eyes, updatedAt: iso(r.updated_at)!,
  };
}
export type TaskView = ReturnType<typeof taskView>;

export const isAdmin = (u: SessionUser) => u.roles.includes('admin');
/** Roles that oversee every task: they can read all tasks, reassign and exempt. */
export const isSupervisor = (u: SessionUser) => u.roles.some((r) => r === 'admin' || r === 'manager' || r === 'process_owner');

/** Assigned to this user directly, through one of their roles or groups, or claimed by them. */
export function isAssignedTo(t: Pick<TaskRow, 'assignee_type' | 'assignee_value' | 'claimed_by'>, u: SessionUser): boolean {
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
  if (!isAssignedTo(t, u)) throw new ForbiddenError(`Task ${t.id} is not assigned to you`, { reason: 'TASK_NOT_YOURS', taskId: t.id });
  if (t.claimed_by && t.claimed_by !== u.id) throw new ForbiddenError(`Task ${t.id} is claimed by another user`, { reason: 'TASK_CLAIMED_BY_OTHER', taskId: t.id });
}

export function assertActive(t: TaskRow): void {
  if (!ACTIVE.includes(t.status)) throw new ConflictError('TASK_NOT_OPEN', `Task ${t.id} is ${t.status}; it can no longer be changed`, { taskId: t.id, status: t.status });
}

export async function loadTask(orm: MikroORM, id: string, full = true): Promise<TaskRow> {
  const cols = full ? `${TASK_COLUMNS}, t.description, t.form, t.data` : TASK_COLUMNS;
  const [r] = await orm.em.fork().getConnection().execute<TaskRow[]>(`select ${cols} from tasks t where t.id = ?`, [id]);
  if (!r) throw new NotFoundError('task', id);
  return r;
}

export async function addHistory(orm: MikroORM, taskId: string, kind: string, userId: string | null, reason: string | null, data: Record<string, unknown> = {}): Promise<void> {
  await orm.em.fork().getConnection().execute('insert into task_history (task_id, kind, user_id, reason, data) values (?, ?, ?, ?, ?::jsonb)', [taskId, kind, userId, reason, JSON.stringify(data)]);
}
