import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

import type { TaskStatus } from '@ledgerflow/flow-model';

export type TaskAssigneeType = 'user' | 'role' | 'group';
export interface TaskOutcomeRow {
  name: string;
  label?: string;
  requires?: string[];
  kind?: 'approve' | 'reject' | 'other';
}

/** One tasks row as the API reads it. The row is a projection: only the engine's task activities write it. */
export interface TaskRow {
  id: string;
  run_id: string;
  workflow_id: string;
  flow_id: string;
  node_id: string;
  business_key: string;
  title: string;
  description?: string;
  form?: { schema?: Record<string, unknown>; uiSchema?: Record<string, unknown> };
  outcomes: TaskOutcomeRow[];
  assignee_type: TaskAssigneeType;
  assignee_value: string;
  claimed_by: string | null;
  claimed_at: Date | null;
  status: TaskStatus;
  priority: string;
  due_at: Date | null;
  amount: string | null;
  currency: string | null;
  customer: string | null;
  check_name: string | null;
  started_by: string | null;
  outcome: string | null;
  completed_by: string | null;
  completed_at: Date | null;
  data?: { variables?: Record<string, unknown>; [k: string]: unknown };
  escalated: boolean;
  four_eyes: boolean;
  created_at: Date;
  updated_at: Date;
}

export type TaskListRow = Pick<
  TaskRow,
  | 'id'
  | 'run_id'
  | 'flow_id'
  | 'business_key'
  | 'title'
  | 'outcomes'
  | 'assignee_type'
  | 'assignee_value'
  | 'claimed_by'
  | 'status'
  | 'priority'
  | 'due_at'
  | 'amount'
  | 'currency'
  | 'customer'
  | 'outcome'
  | 'completed_at'
  | 'escalated'
  | 'created_at'
>;

export type TaskHistoryRow = {
  kind: string;
  user_id: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
};

/**
 * Columns of an inbox list row: what the list shows and filters on, nothing heavier. The list is the
 * hottest read of the product; who started or completed a task, its node and check come with the task.
 */
export const TASK_LIST_COLUMNS = `t.id, t.run_id, t.flow_id, t.business_key, t.title, t.outcomes, t.assignee_type, t.assignee_value, t.claimed_by,
  t.status, t.priority, t.due_at, t.amount::text as amount, t.currency, t.customer, t.outcome, t.completed_at, t.escalated, t.created_at`;

/** Columns of one task (actions' answers, the detail page). */
const TASK_COLUMNS = `${TASK_LIST_COLUMNS}, t.workflow_id, t.node_id, t.claimed_at, t.check_name, t.started_by, t.completed_by, t.four_eyes, t.updated_at`;

/** A task the repair pass looks at: still active in the row, with its run's status. */
export type TaskRepairCandidate = {
  id: string;
  run_id: string;
  workflow_id: string;
  run_status: string;
  status: TaskStatus;
  outcomes: TaskOutcomeRow[];
};

/** tasks and task_history, read side: the inbox, the detail page, notices, the repair pass. */
export function createTaskStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async get(id: string, full = true): Promise<TaskRow | null> {
      const cols = full ? `${TASK_COLUMNS}, t.description, t.form, t.data` : TASK_COLUMNS;
      const [r] = await conn().execute<TaskRow[]>(`select ${cols} from tasks t where t.id = ?`, [id]);
      return r ?? null;
    },
    /** Ids of the active tasks assigned to or claimed by one user (bulk reassign when the user is disabled). */
    async activeIdsOfUser(userId: string, statuses: readonly string[]): Promise<string[]> {
      const rows = await conn().execute<Array<{ id: string }>>(
        `select id::text from tasks
          where ((assignee_type = 'user' and assignee_value = ?) or claimed_by = ?::uuid) and status = any(?::text[])
          order by created_at`,
        [userId, userId, pgTextArray([...statuses])],
      );
      return rows.map((r) => r.id);
    },
    /** Active tasks per inbox view; `mine`/`groups` are the readers' predicates over alias t (task-inbox.store.ts). */
    async counts(mine: { sql: string; params: unknown[] }, groups: { sql: string; params: unknown[] }, all: boolean) {
      const [r] = await conn().execute<Array<{ mine: string; groups: string; everything: string; overdue: string }>>(
        `select count(*) filter (where ${mine.sql}) as mine, count(*) filter (where ${groups.sql}) as groups, count(*) as everything,
                count(*) filter (where t.due_at < now() and (${mine.sql} or ${groups.sql})) as overdue
           from tasks t where t.status in ('open', 'claimed') ${all ? '' : `and (${mine.sql} or ${groups.sql})`}`,
        [
          ...mine.params,
          ...groups.params,
          ...mine.params,
          ...groups.params,
          ...(all ? [] : [...mine.params, ...groups.params]),
        ],
      );
      return {
        mine: Number(r?.mine ?? 0),
        groups: Number(r?.groups ?? 0),
        all: Number(r?.everything ?? 0),
        overdue: Number(r?.overdue ?? 0),
      };
    },
    async history(taskId: string): Promise<TaskHistoryRow[]> {
      return conn().execute<TaskHistoryRow[]>(
        'select kind, user_id, reason, data, at from task_history where task_id = ? order by id',
        [taskId],
      );
    },
    /** The people a task names (claimed, started, decided by), for display. */
    async people(ids: string[]): Promise<Array<{ id: string; username: string; display_name: string }>> {
      return conn().execute('select id, username, display_name from users where id = any(?::uuid[])', [
        pgTextArray(ids),
      ]);
    },
    /** What a notice about the task says, and the flow it belongs to. */
    async noticeContext(taskId: string): Promise<{ title: string; due_at: string | null; flow_name: string } | null> {
      const [r] = await conn().execute<Array<{ title: string; due_at: string | null; flow_name: string }>>(
        'select t.title, t.due_at::text, f.name as flow_name from tasks t join flows f on f.id = t.flow_id where t.id = ?',
        [taskId],
      );
      return r ?? null;
    },
    /**
     * Active task rows whose run may have moved on: with `taskIds`, those tasks; otherwise (unless `deep`) only
     * those whose run has ended in Postgres, untouched for `minAgeSeconds` (recent rows are still settling).
     */
    async repairCandidates(opts: {
      taskIds?: string[];
      deep: boolean;
      minAgeSeconds: number;
      limit: number;
    }): Promise<TaskRepairCandidate[]> {
      const params: unknown[] = [];
      let filter = opts.deep ? 'true' : `r.status in ('completed', 'failed', 'cancelled')`;
      if (opts.taskIds?.length) {
        filter += ' and t.id = any(?::uuid[])';
        params.push(pgTextArray(opts.taskIds));
      } else {
        filter += ' and t.updated_at < now() - make_interval(secs => ?)';
        params.push(opts.minAgeSeconds);
      }
      return conn().execute<TaskRepairCandidate[]>(
        `select t.id, t.run_id, t.workflow_id, r.status as run_status, t.status, t.outcomes from tasks t join runs r on r.id = t.run_id
          where t.status in ('open', 'claimed') and ${filter} order by t.updated_at limit ?`,
        [...params, opts.limit],
      );
    },
  };
}
export type TaskStore = ReturnType<typeof createTaskStore>;

/** A new task row, as the engine's createTask activity computes it. */
export interface NewTask {
  id: string;
  runId: string;
  workflowId: string;
  flowId: string;
  nodeId: string;
  businessKey: string;
  title: string;
  description: string;
  form: Record<string, unknown>;
  outcomes: TaskOutcomeRow[];
  assignee: { type: string; value: string };
  priority: string;
  dueAt: string | null;
  amount: string | null;
  currency: string | null;
  customer: string | null;
  check: string | null;
  startedBy: string | null;
  variables: Record<string, unknown>;
  fourEyes: boolean;
}

/** A change of a task's state, decided by its run. */
export type TaskChange =
  | { kind: 'claimed'; userId: string }
  | { kind: 'unclaimed' }
  | { kind: 'delegated' | 'reassigned'; assignee: { type: string; value: string } }
  | { kind: 'completed' | 'rejected'; outcome: string; userId: string; form: Record<string, unknown> }
  | { kind: 'escalated'; to?: { type: string; value: string } | null }
  | { kind: 'expired' | 'cancelled' | 'reconciled'; to?: TaskStatus; outcome?: string | null; userId?: string | null }
  | { kind: 'exempted'; outcome: string; userId: string; check: string; reason: string };

export interface TaskChangeInput {
  taskId: string;
  change: TaskChange;
  /**
   * The run's revision of the task (1, 2, …): a write carrying a revision the row already has or passed is a
   * retry or a stale write, and changes nothing. Absent for writes that predate revisions.
   */
  rev?: number;
  /** The history entry the change adds, in the same statement (so a retried write adds none). */
  history?: { kind: string; userId: string | null; reason: string | null; data?: Record<string, unknown> };
}

/** Users are uuids; a run driven by a test or a script may name someone else, who is then not recorded. */
const uuidOrNull = (v: string | null | undefined) =>
  v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : null;

function changeSet(c: TaskChange): { set: string; params: unknown[]; patch: Record<string, unknown> } {
  switch (c.kind) {
    case 'claimed':
      return {
        set: `status = 'claimed', claimed_by = ?::uuid, claimed_at = now()`,
        params: [uuidOrNull(c.userId)],
        patch: {},
      };
    case 'unclaimed':
      return { set: `status = 'open', claimed_by = null, claimed_at = null`, params: [], patch: {} };
    case 'delegated':
    case 'reassigned':
      return {
        set: `assignee_type = ?, assignee_value = ?, status = 'open', claimed_by = null, claimed_at = null`,
        params: [c.assignee.type, c.assignee.value],
        patch: {},
      };
    case 'completed':
    case 'rejected':
      return {
        set: 'status = ?, outcome = ?, completed_by = ?::uuid, completed_at = now()',
        params: [c.kind, c.outcome, uuidOrNull(c.userId)],
        patch: { form: c.form },
      };
    case 'escalated':
      return {
        set: `escalated = true, claimed_by = null, status = 'open', assignee_type = coalesce(?, assignee_type), assignee_value = coalesce(?, assignee_value),
          priority = case when priority = 'urgent' then 'urgent' else 'high' end`,
        params: [c.to?.type ?? null, c.to?.value ?? null],
        patch: {},
      };
    case 'expired':
    case 'cancelled':
      return { set: 'status = ?', params: [c.kind], patch: {} };
    case 'reconciled': {
      const to = c.to ?? 'cancelled';
      return {
        set: `status = ?, outcome = coalesce(?, outcome), completed_by = coalesce(?::uuid, completed_by), claimed_by = null,
          completed_at = case when ? in ('completed', 'rejected') then coalesce(completed_at, now()) else completed_at end`,
        params: [to, c.outcome ?? null, uuidOrNull(c.userId), to],
        patch: {},
      };
    }
    case 'exempted':
      return {
        set: `status = 'completed', outcome = ?, completed_by = ?::uuid, completed_at = now(), claimed_by = null`,
        params: [c.outcome, uuidOrNull(c.userId)],
        patch: { exemption: { check: c.check, reason: c.reason, by: c.userId } },
      };
  }
}

/**
 * tasks and task_history, write side: the one writer of the projection. Imported only by the engine's task
 * activities (a test checks it); every other module reads through createTaskStore.
 */
export function createTaskWriter(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** Idempotent per id: a retried createTask inserts nothing. */
    async insert(t: NewTask): Promise<void> {
      await conn().execute(
        `insert into tasks (id, run_id, workflow_id, flow_id, node_id, business_key, title, description, form, outcomes, assignee_type, assignee_value,
           status, priority, due_at, amount, currency, customer, check_name, started_by, data, four_eyes)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (id) do nothing`,
        [
          t.id,
          t.runId,
          t.workflowId,
          t.flowId,
          t.nodeId,
          t.businessKey,
          t.title,
          t.description,
          JSON.stringify(t.form),
          JSON.stringify(t.outcomes),
          t.assignee.type,
          t.assignee.value,
          t.priority,
          t.dueAt,
          t.amount,
          t.currency,
          t.customer,
          t.check,
          t.startedBy,
          JSON.stringify({ variables: t.variables }),
          t.fourEyes,
        ],
      );
    },
    /** Applies one change to an active task, with its history entry, in one statement. False when nothing changed. */
    async apply(input: TaskChangeInput): Promise<boolean> {
      const { set, params, patch } = changeSet(input.change);
      if (input.rev !== undefined) patch.rev = input.rev;
      const guard = input.rev !== undefined ? ` and coalesce((data->>'rev')::int, 0) < ?` : '';
      const update = `update tasks set ${set}, data = data || ?::jsonb, updated_at = now() where id = ? and status in ('open', 'claimed')${guard} returning id`;
      const updateParams = [
        ...params,
        JSON.stringify(patch),
        input.taskId,
        ...(input.rev !== undefined ? [input.rev] : []),
      ];
      const h = input.history;
      if (!h) return (await conn().execute<Array<{ id: string }>>(update, updateParams)).length > 0;
      const rows = await conn().execute<Array<{ task_id: string }>>(
        `with u as (${update}) insert into task_history (task_id, kind, user_id, reason, data) select id, ?, ?::uuid, ?, ?::jsonb from u returning task_id`,
        [...updateParams, h.kind, uuidOrNull(h.userId), h.reason, JSON.stringify(h.data ?? {})],
      );
      return rows.length > 0;
    },
  };
}
export type TaskWriter = ReturnType<typeof createTaskWriter>;
