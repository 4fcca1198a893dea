// The inbox's reads: filtered, sorted task lists per view, counts per view, and one task with its case context.
import { ForbiddenError } from '@ledgerflow/flow-model';
import {
  createTaskFilesStore,
  createTaskInboxStore,
  createTaskStore,
  inboxViewPredicate,
  taskReadPredicate,
  type InboxView,
  type InboxSort,
} from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { unreachableOfTask } from './task-notify.service.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import {
  canView,
  isAdmin,
  isSupervisor,
  loadTask,
  taskListItem,
  companyAmount,
  taskReader,
  taskView,
  assertCanAct,
  ACTIVE,
  type TaskStatus,
} from './task-model.ts';

export type { InboxView };
export interface TaskListQuery {
  view?: InboxView;
  status?: TaskStatus[];
  flowId?: string;
  due?: 'overdue' | 'today' | 'week' | 'none';
  amountMin?: string;
  amountMax?: string;
  customer?: string;
  businessKey?: string;
  assignee?: string;
  q?: string;
  /** rank: a collector's worklist — priority, then overdue first, then the biggest amount, then the earliest due. */
  sort?: InboxSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** SQL predicate (and its parameters) of one inbox view for this user; `all` needs a supervisor. */
export function viewPredicate(view: InboxView, u: SessionUser): { sql: string; params: unknown[] } {
  if (view === 'all' && !isSupervisor(u))
    throw new ForbiddenError('Only admins, managers and process owners see all tasks', { reason: 'VIEW_ALL' });
  return inboxViewPredicate(view, taskReader(u));
}

/**
 * Who may read a task, as a predicate over tasks aliased t: the set form of canView. Runs are readable through
 * their tasks with this same rule (run.service.ts).
 */
export function visibleTaskPredicate(u: SessionUser): { sql: string; params: unknown[] } {
  return taskReadPredicate(taskReader(u));
}

export class TaskQueryService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  async list(u: SessionUser, q: TaskListQuery) {
    const view = q.view ?? 'mine';
    viewPredicate(view, u); // authorizes the view
    const limit = q.limit ?? 50;
    const rows = await createTaskInboxStore(this.#deps.orm).list(taskReader(u), {
      view,
      statuses: q.status?.length ? q.status : ACTIVE,
      flowId: q.flowId,
      due: q.due,
      amountMin: q.amountMin,
      amountMax: q.amountMax,
      customer: q.customer,
      businessKey: q.businessKey,
      assignee: q.assignee,
      q: q.q,
      sort: q.sort ?? 'due',
      order: q.order,
      limit,
      offset: q.offset ?? 0,
    });
    const items = rows.slice(0, limit).map((r) => ({ ...taskListItem(r), amountCompany: companyAmount(r) }));
    return { items, hasMore: rows.length > limit, view };
  }

  /** Active tasks per view, and how many of them are overdue. */
  async counts(u: SessionUser) {
    const all = isSupervisor(u);
    const r = await createTaskStore(this.#deps.orm.em.fork()).counts(
      viewPredicate('mine', u),
      viewPredicate('groups', u),
      all,
    );
    return { mine: r.mine, groups: r.groups, all: all ? r.all : null, overdue: r.overdue };
  }

  /** One task with its form, case variables, comments, attachments (metadata) and task history. */
  async get(u: SessionUser, id: string) {
    const t = await loadTask(this.#deps.orm, id);
    if (!canView(t, u))
      throw new ForbiddenError(`Task ${id} is not assigned to you`, { reason: 'TASK_NOT_YOURS', taskId: id });
    const em = this.#deps.orm.em.fork();
    const files = createTaskFilesStore(em);
    const tasks = createTaskStore(em);
    const [comments, attachments, history, users, unreachable] = await Promise.all([
      files.comments(id),
      files.attachments(id),
      tasks.history(id),
      tasks.people([t.claimed_by, t.started_by, t.completed_by].filter((x): x is string => !!x)),
      unreachableOfTask(this.#deps.orm, id),
    ]);
    let canAct = true;
    try {
      assertCanAct(t, u);
    } catch {
      canAct = false;
    }
    const fourEyesBlocked = t.four_eyes && t.started_by === u.id;
    return {
      task: {
        ...taskView(t),
        description: t.description ?? '',
        form: t.form ?? {},
        variables: t.data?.variables ?? {},
        exemption: (t.data?.exemption as Record<string, unknown> | undefined) ?? null,
      },
      comments: comments.map((c) => ({
        id: c.id,
        userId: c.user_id,
        username: c.username,
        body: c.body,
        createdAt: new Date(c.created_at).toISOString(),
      })),
      attachments: attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        contentType: a.content_type,
        size: a.size,
        sha256: a.sha256,
        uploadedBy: a.uploaded_by,
        createdAt: new Date(a.created_at).toISOString(),
      })),
      history: history.map((h) => ({
        kind: h.kind,
        userId: h.user_id,
        reason: h.reason,
        data: h.data,
        at: new Date(h.at).toISOString(),
      })),
      users: Object.fromEntries(users.map((x) => [x.id, { username: x.username, displayName: x.display_name }])),
      unreachable,
      permissions: {
        canAct: canAct && ACTIVE.includes(t.status) && !fourEyesBlocked,
        canClaim: canAct && t.status === 'open',
        canUnclaim: t.status === 'claimed' && (t.claimed_by === u.id || isAdmin(u)),
        canReassign: isSupervisor(u) && ACTIVE.includes(t.status),
        canExempt: !!t.check_name && ACTIVE.includes(t.status) && u.roles.some((r) => r === 'admin' || r === 'manager'),
        fourEyesBlocked,
      },
    };
  }
}
