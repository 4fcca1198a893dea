// The inbox's reads: filtered, sorted task lists per view, counts per view, and one task with its case context.
import { ForbiddenError } from '@ledgerflow/flow-model';
import { pgTextArray, preparedQuery } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { canView, isAdmin, isSupervisor, LIST_COLUMNS, loadTask, taskListItem, taskView, assertCanAct, ACTIVE, type TaskListRow, type TaskStatus } from './task-model.ts';

export type InboxView = 'mine' | 'groups' | 'all';
export interface TaskListQuery {
  view?: InboxView;
  status?: TaskStatus[];
  flowId?: string;
  due?: 'overdue' | 'today' | 'week' | 'none';
  amountMin?: string;
  amountMax?: string;
  customer?: string;
  businessKey?: string;
  q?: string;
  /** rank: a collector's worklist — priority, then overdue first, then the biggest amount, then the earliest due. */
  sort?: 'due' | 'created' | 'amount' | 'priority' | 'title' | 'businessKey' | 'rank';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

const SORTS: Record<NonNullable<TaskListQuery['sort']>, string> = {
  due: 't.due_at', created: 't.created_at', amount: 't.amount', title: 't.title', businessKey: 't.business_key', rank: 't.amount',
  priority: `(case t.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`,
};

/** LIST_COLUMNS as named by a subquery aliased t: what the merged pages return, nothing more. */
const OUTER_COLUMNS = LIST_COLUMNS.split(',').map((c) => `t.${/(\w+)\s*$/.exec(c)![1]}`).join(', ');

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL predicate (and its parameters) of one inbox view for this user. */
export function viewPredicate(view: InboxView, u: SessionUser): { sql: string; params: unknown[] } {
  if (view === 'mine') return { sql: `((t.assignee_type = 'user' and t.assignee_value in (?, ?)) or t.claimed_by = ?)`, params: [u.id, u.username, u.id] };
  if (view === 'groups') {
    return {
      sql: `((t.assignee_type = 'role' and t.assignee_value = any(?::text[])) or (t.assignee_type = 'group' and t.assignee_value = any(?::text[])))`,
      params: [pgTextArray(u.roles), pgTextArray(u.groups)],
    };
  }
  if (!isSupervisor(u)) throw new ForbiddenError('Only admins, managers and process owners see all tasks', { reason: 'VIEW_ALL' });
  return { sql: 'true', params: [] };
}

/**
 * Who may read a task, as SQL over tasks aliased t: the set form of canView (assigned to them directly or through
 * a role or group, claimed, started or decided by them; supervisors read everything). Runs are readable through
 * their tasks with this same rule (run.service.ts).
 */
export function visibleTaskPredicate(u: SessionUser): { sql: string; params: unknown[] } {
  if (isSupervisor(u)) return { sql: 'true', params: [] };
  const mine = viewPredicate('mine', u);
  const groups = viewPredicate('groups', u);
  return { sql: `(${mine.sql} or ${groups.sql} or t.started_by = ? or t.completed_by = ?)`, params: [...mine.params, ...groups.params, u.id, u.id] };
}

export class TaskQueryService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #conn() {
    return this.#deps.orm.em.fork().getConnection();
  }

  async list(u: SessionUser, q: TaskListQuery) {
    const view = q.view ?? 'mine';
    viewPredicate(view, u); // authorizes the view
    const where: string[] = [];
    const params: unknown[] = [];
    const statuses = q.status?.length ? q.status : ACTIVE;
    if (q.flowId) (where.push('t.flow_id = ?'), params.push(q.flowId));
    if (q.due === 'overdue') where.push('t.due_at < now()');
    else if (q.due === 'today') where.push(`t.due_at < date_trunc('day', now()) + interval '1 day'`);
    else if (q.due === 'week') where.push(`t.due_at < now() + interval '7 days'`);
    else if (q.due === 'none') where.push('t.due_at is null');
    // Amounts are compared as numeric: "15000.01" > "15000" exactly, no float rounding.
    if (q.amountMin !== undefined) (where.push('t.amount >= ?::numeric'), params.push(q.amountMin));
    if (q.amountMax !== undefined) (where.push('t.amount <= ?::numeric'), params.push(q.amountMax));
    if (q.customer) (where.push('lower(t.customer) = lower(?)'), params.push(q.customer));
    if (q.businessKey) (where.push(`t.business_key ilike ? escape '\\'`), params.push(`${likeEscape(q.businessKey)}%`));
    if (q.q?.trim()) {
      const text = q.q.trim();
      where.push(`(t.search @@ websearch_to_tsquery('simple', ?) or t.title ilike ? escape '\\' or t.business_key ilike ? escape '\\')`);
      params.push(text, `%${likeEscape(text)}%`, `%${likeEscape(text)}%`);
    }
    const filter = where.length ? ` and ${where.join(' and ')}` : '';
    const sort = q.sort ?? 'due';
    const dir = (q.order ?? (sort === 'priority' || sort === 'amount' || sort === 'created' ? 'desc' : 'asc')) === 'desc' ? 'desc' : 'asc';
    const order = (col: string) => (sort === 'rank'
      ? `${SORTS.priority} desc, (t.due_at < now()) desc nulls last, ${col} desc nulls last, t.due_at asc nulls last, t.created_at desc, t.id`
      : `${col} ${dir} nulls last, t.created_at desc, t.id`);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    // The numeric amount travels only where the merged pages are re-sorted by it (the text copy sorts wrong).
    const cols = (sort === 'amount' || sort === 'rank') && view !== 'all' ? `${LIST_COLUMNS}, t.amount as amount_num` : LIST_COLUMNS;
    let sql: string;
    let args: unknown[];
    if (view === 'all') {
      sql = `select ${cols} from tasks t where t.status = any(?::text[])${filter} order by ${order(SORTS[sort])} limit ? offset ?`;
      args = [pgTextArray(statuses), ...params, limit + 1, offset];
    } else {
      // One index-ordered top-N per (assignee, status), merged: cheap however many tasks the other assignees have.
      const keys: Array<[string, string]> = view === 'mine'
        ? [['user', u.id], ['user', u.username]]
        : [...u.roles.map((r): [string, string] => ['role', r]), ...u.groups.map((g): [string, string] => ['group', g])];
      const triples = keys.flatMap(([type, value]) => statuses.map((st) => [type, value, st] as const));
      const n = offset + limit + 1;
      const parts = [`select x.* from unnest(?::text[], ?::text[], ?::text[]) as k(atype, avalue, astatus) cross join lateral (
          select ${cols} from tasks t where t.assignee_type = k.atype and t.assignee_value = k.avalue and t.status = k.astatus${filter} order by ${order(SORTS[sort])} limit ?) x`];
      args = [pgTextArray(triples.map((x) => x[0])), pgTextArray(triples.map((x) => x[1])), pgTextArray(triples.map((x) => x[2])), ...params, n];
      if (view === 'mine') {
        parts.push(`select * from (select ${cols} from tasks t where t.claimed_by = ? and t.status = any(?::text[]) and not (t.assignee_type = 'user' and t.assignee_value in (?, ?))${filter}
          order by ${order(SORTS[sort])} limit ?) c`);
        args.push(u.id, pgTextArray(statuses), u.id, u.username, ...params, n);
      }
      const outer = SORTS[sort].replace(/\bt\.amount\b/, 't.amount_num');
      sql = `select ${OUTER_COLUMNS} from (${parts.join(' union all ')}) t order by ${order(outer)} limit ? offset ?`;
      args.push(limit + 1, offset);
    }
    // Prepared per statement text (one per combination of filters and sort): parsing and planning cost
    // more than running an indexed page. Postgres still plans per value while that is cheaper on average.
    const rows = await preparedQuery<TaskListRow>(this.#deps.orm, sql, args);
    const hasMore = rows.length > limit;
    return { items: rows.slice(0, limit).map(taskListItem), hasMore, view };
  }

  /** Active tasks per view, and how many of them are overdue. */
  async counts(u: SessionUser) {
    const mine = viewPredicate('mine', u);
    const groups = viewPredicate('groups', u);
    const all = isSupervisor(u);
    const [r] = await this.#conn().execute<Array<{ mine: string; groups: string; everything: string; overdue: string }>>(
      `select count(*) filter (where ${mine.sql}) as mine, count(*) filter (where ${groups.sql}) as groups, count(*) as everything,
              count(*) filter (where t.due_at < now() and (${mine.sql} or ${groups.sql})) as overdue
         from tasks t where t.status in ('open', 'claimed') ${all ? '' : `and (${mine.sql} or ${groups.sql})`}`,
      [...mine.params, ...groups.params, ...mine.params, ...groups.params, ...(all ? [] : [...mine.params, ...groups.params])],
    );
    return { mine: Number(r?.mine ?? 0), groups: Number(r?.groups ?? 0), all: all ? Number(r?.everything ?? 0) : null, overdue: Number(r?.overdue ?? 0) };
  }

  /** One task with its form, case variables, comments, attachments (metadata) and task history. */
  async get(u: SessionUser, id: string) {
    const t = await loadTask(this.#deps.orm, id);
    if (!canView(t, u)) throw new ForbiddenError(`Task ${id} is not assigned to you`, { reason: 'TASK_NOT_YOURS', taskId: id });
    const conn = this.#conn();
    const [comments, attachments, history, users] = await Promise.all([
      conn.execute<Array<{ id: string; user_id: string; body: string; created_at: Date; username: string | null }>>(
        'select c.id, c.user_id, c.body, c.created_at, u.username from task_comments c left join users u on u.id = c.user_id where c.task_id = ? order by c.created_at', [id]),
      conn.execute<Array<{ id: string; filename: string; content_type: string; size: number; sha256: string; uploaded_by: string; created_at: Date }>>(
        'select id, filename, content_type, size, sha256, uploaded_by, created_at from task_attachments where task_id = ? order by created_at', [id]),
      conn.execute<Array<{ kind: string; user_id: string | null; reason: string | null; data: Record<string, unknown>; at: Date }>>(
        'select kind, user_id, reason, data, at from task_history where task_id = ? order by id', [id]),
      conn.execute<Array<{ id: string; username: string; display_name: string }>>(
        'select id, username, display_name from users where id = any(?::uuid[])', [pgTextArray([t.claimed_by, t.started_by, t.completed_by].filter((x): x is string => !!x))]),
    ]);
    let canAct = true;
    try {
      assertCanAct(t, u);
    } catch {
      canAct = false;
    }
    const fourEyesBlocked = t.four_eyes && t.started_by === u.id;
    return {
      task: { ...taskView(t), description: t.description ?? '', form: t.form ?? {}, variables: t.data?.variables ?? {}, exemption: (t.data?.exemption as Record<string, unknown> | undefined) ?? null },
      comments: comments.map((c) => ({ id: c.id, userId: c.user_id, username: c.username, body: c.body, createdAt: new Date(c.created_at).toISOString() })),
      attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, sha256: a.sha256, uploadedBy: a.uploaded_by, createdAt: new Date(a.created_at).toISOString() })),
      history: history.map((h) => ({ kind: h.kind, userId: h.user_id, reason: h.reason, data: h.data, at: new Date(h.at).toISOString() })),
      users: Object.fromEntries(users.map((x) => [x.id, { username: x.username, displayName: x.display_name }])),
      permissions: { canAct: canAct && ACTIVE.includes(t.status) && !fourEyesBlocked, canClaim: canAct && t.status === 'open', canUnclaim: t.status === 'claimed' && (t.claimed_by === u.id || isAdmin(u)),
        canReassign: isSupervisor(u) && ACTIVE.includes(t.status), canExempt: !!t.check_name && ACTIVE.includes(t.status) && u.roles.some((r) => r === 'admin' || r === 'manager'), fourEyesBlocked },
    };
  }
}
