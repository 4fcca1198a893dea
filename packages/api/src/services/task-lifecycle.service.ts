// Task lifecycle: claim, unclaim, delegate, reassign, complete (through the workflow's Update), exempt, bulk.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ConflictError, ForbiddenError, LedgerflowError, ValidationError } from '@ledgerflow/flow-model';
import { completeTaskUpdate, createTaskNotifier, exemptUpdate } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { ACTIVE, addHistory, assertActive, assertCanAct, isAdmin, isSupervisor, loadTask, taskView, type TaskRow } from './task-model.ts';
import { formProblems } from './task-form.ts';
import { reconcileTasks } from './task-reconciler.service.ts';

export interface Assignee { type: 'user' | 'role' | 'group'; value: string }
export type BulkRequest =
  | { action: 'complete'; taskIds: string[]; outcome: string; data?: Record<string, unknown> }
  | { action: 'reassign'; taskIds: string[]; assignee: Assignee; reason: string };

/** Maps the workflow validator's "CODE: message" rejections to API errors. */
function updateError(err: unknown, taskId: string): LedgerflowError {
  const msg = (err instanceof WorkflowUpdateFailedError ? (err.cause?.message ?? err.message) : (err as Error).message) ?? '';
  const code = /^([A-Z_]+):/.exec(msg)?.[1];
  if (code === 'FOUR_EYES') return new ForbiddenError(msg.replace(/^[A-Z_]+:\s*/, ''), { reason: 'FOUR_EYES', taskId });
  if (code === 'TASK_OUTCOME_INVALID') return new ValidationError(msg, [{ path: '/outcome', code: 'OUTCOME_INVALID', message: msg }], 'OUTCOME_INVALID');
  if (code === 'TASK_NOT_OPEN') return new ConflictError('TASK_NOT_OPEN', `Task ${taskId} is no longer open in its run`, { taskId });
  return new LedgerflowError('TASK_UPDATE_FAILED', `The run refused the completion: ${msg}`, { status: 502, details: { taskId } });
}

export class TaskLifecycleService {
  readonly #deps: AppDeps;
  readonly #notify: ReturnType<typeof createTaskNotifier>;
  constructor(deps: AppDeps) {
    this.#deps = deps;
    this.#notify = createTaskNotifier(deps.orm);
  }
  #conn() {
    return this.#deps.orm.em.fork().getConnection();
  }
  /** Runs a conditional UPDATE; zero rows means someone else changed the task first. */
  async #update(sql: string, params: unknown[], taskId: string): Promise<void> {
    const rows = await this.#conn().execute<Array<{ id: string }>>(`${sql} returning id`, params);
    if (!rows.length) {
      const t = await loadTask(this.#deps.orm, taskId, false);
      throw new ConflictError(ACTIVE.includes(t.status) ? 'TASK_CHANGED' : 'TASK_NOT_OPEN', `Task ${taskId} changed meanwhile (now ${t.status}); reload it`, { taskId, status: t.status });
    }
  }

  async claim(u: SessionUser, id: string) {
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    assertCanAct(t, u);
    if (t.status === 'claimed') {
      if (t.claimed_by === u.id) return taskView(t);
      throw new ConflictError('TASK_ALREADY_CLAIMED', `Task ${id} is already claimed`, { taskId: id, claimedBy: t.claimed_by });
    }
    await this.#update(`update tasks set status = 'claimed', claimed_by = ?, claimed_at = now(), updated_at = now() where id = ? and status = 'open'`, [u.id, id], id);
    await addHistory(this.#deps.orm, id, 'claimed', u.id, null);
    return taskView(await loadTask(this.#deps.orm, id, false));
  }

  async unclaim(u: SessionUser, id: string) {
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    if (t.status !== 'claimed') throw new ConflictError('TASK_NOT_CLAIMED', `Task ${id} is not claimed`, { taskId: id });
    if (t.claimed_by !== u.id && !isAdmin(u)) throw new ForbiddenError(`Task ${id} is claimed by another user`, { reason: 'TASK_CLAIMED_BY_OTHER', taskId: id });
    await this.#update(`update tasks set status = 'open', claimed_by = null, claimed_at = null, updated_at = now() where id = ? and status = 'claimed' and claimed_by = ?`, [id, t.claimed_by], id);
    await addHistory(this.#deps.orm, id, 'unclaimed', u.id, null);
    return taskView(await loadTask(this.#deps.orm, id, false));
  }

  /** Hands the task to one named user (by username or id), who gets it unclaimed. */
  async delegate(u: SessionUser, id: string, to: string, reason: string) {
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    if (!isSupervisor(u)) assertCanAct(t, u);
    const [target] = await this.#conn().execute<Array<{ id: string; username: string }>>(
      'select id, username from users where (username = ? or id::text = ?) and not disabled', [to, to]);
    if (!target) throw new ValidationError(`No active user '${to}'`, [{ path: '/to', code: 'UNKNOWN_USER', message: `no active user '${to}'` }], 'UNKNOWN_USER');
    if (target.id === u.id) throw new ValidationError('You cannot delegate a task to yourself', [{ path: '/to', code: 'SELF', message: 'choose someone else' }], 'DELEGATE_SELF');
    await this.#update(
      `update tasks set assignee_type = 'user', assignee_value = ?, status = 'open', claimed_by = null, claimed_at = null, updated_at = now() where id = ? and status = ? and updated_at = ?`,
      [target.id, id, t.status, t.updated_at], id);
    await addHistory(this.#deps.orm, id, 'delegated', u.id, reason, { from: { type: t.assignee_type, value: t.assignee_value }, to: { type: 'user', value: target.id, username: target.username } });
    await this.#notify(id, 'delegated', String(Date.now()));
    return taskView(await loadTask(this.#deps.orm, id, false));
  }

  /** Supervisors move a task to another user, role or group. */
  async reassign(u: SessionUser, id: string, assignee: Assignee, reason: string) {
    if (!isSupervisor(u)) throw new ForbiddenError('Reassigning needs the admin, manager or process_owner role', { reason: 'REASSIGN' });
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    let value = assignee.value;
    if (assignee.type === 'user') {
      const [target] = await this.#conn().execute<Array<{ id: string }>>('select id from users where (username = ? or id::text = ?) and not disabled', [value, value]);
      if (!target) throw new ValidationError(`No active user '${value}'`, [{ path: '/assignee/value', code: 'UNKNOWN_USER', message: `no active user '${value}'` }], 'UNKNOWN_USER');
      value = target.id;
    }
    await this.#update(
      `update tasks set assignee_type = ?, assignee_value = ?, status = 'open', claimed_by = null, claimed_at = null, updated_at = now() where id = ? and status = ? and updated_at = ?`,
      [assignee.type, value, id, t.status, t.updated_at], id);
    await addHistory(this.#deps.orm, id, 'reassigned', u.id, reason, { from: { type: t.assignee_type, value: t.assignee_value }, to: { type: assignee.type, value } });
    await this.#notify(id, 'reassigned', String(Date.now()));
    return taskView(await loadTask(this.#deps.orm, id, false));
  }

  /** The person who last changed the case: whoever decided the run's previous task. */
  async #lastChangedBy(t: TaskRow): Promise<string | null> {
    const [r] = await this.#conn().execute<Array<{ completed_by: string }>>(
      `select completed_by from tasks where run_id = ? and id <> ? and completed_by is not null order by completed_at desc limit 1`, [t.run_id, t.id]);
    return r?.completed_by ?? null;
  }

  async complete(u: SessionUser, id: string, outcome: string, data: Record<string, unknown>) {
    const t = await loadTask(this.#deps.orm, id);
    assertActive(t);
    assertCanAct(t, u);
    if (!t.outcomes.some((o) => o.name === outcome)) {
      throw new ValidationError(`'${outcome}' is not an outcome of this task (${t.outcomes.map((o) => o.name).join(', ')})`, [{ path: '/outcome', code: 'OUTCOME_INVALID', message: `expected one of ${t.outcomes.map((o) => o.name).join(', ')}` }], 'OUTCOME_INVALID');
    }
    if (t.four_eyes && (t.started_by === u.id || (await this.#lastChangedBy(t)) === u.id)) {
      throw new ForbiddenError('Four-eyes rule: the person who started or last changed this case cannot decide it', { reason: 'FOUR_EYES', taskId: id });
    }
    const [att] = await this.#conn().execute<Array<{ n: string }>>('select count(*) as n from task_attachments where task_id = ?', [id]);
    const problems = formProblems(t.form, data, Number(att?.n ?? 0), t.outcomes.find((o) => o.name === outcome));
    if (problems.length) throw new ValidationError(`The form has ${problems.length} problem(s): ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems, 'FORM_INVALID');
    try {
      // The update id is the task id: a double click or a retried request completes the task once.
      await this.#deps.temporal.workflow.getHandle(t.workflow_id).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: id, outcome, data, userId: u.id, username: u.username, userRoles: u.roles }], updateId: id,
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        await reconcileTasks(this.#deps, { taskIds: [id] }).catch(() => undefined);
        throw new ConflictError('RUN_ENDED', `The run of task ${id} has ended; the task can no longer be decided`, { taskId: id });
      }
      throw updateError(err, id);
    }
    const status = /^reject/i.test(outcome) ? 'rejected' : 'completed';
    const rows = await this.#conn().execute<Array<{ id: string }>>(
      `update tasks set status = ?, outcome = ?, completed_by = ?, completed_at = now(), updated_at = now(), data = data || jsonb_build_object('form', ?::jsonb)
        where id = ? and status in ('open', 'claimed') returning id`, [status, outcome, u.id, JSON.stringify(data), id]);
    // A concurrent duplicate reached the same (deduplicated) update: only the first one reports success.
    if (!rows.length) throw new ConflictError('TASK_NOT_OPEN', `Task ${id} was already completed`, { taskId: id });
    await addHistory(this.#deps.orm, id, status, u.id, null, { outcome });
    return taskView(await loadTask(this.#deps.orm, id, false));
  }

  /** Exempts the task's case from the task's named check; the run records it and settles the task. */
  async exempt(u: SessionUser, id: string, reason: string) {
    if (!u.roles.some((r) => r === 'admin' || r === 'manager')) throw new ForbiddenError('Exemptions need the manager or admin role', { reason: 'EXEMPT' });
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    if (!t.check_name) throw new ConflictError('NO_CHECK', `Task ${id} is not a named check; nothing to exempt from`, { taskId: id });
    try {
      await this.#deps.temporal.workflow.getHandle(t.workflow_id).executeUpdate(exemptUpdate, { args: [{ check: t.check_name, reason, userId: u.id }], updateId: `exempt-${id}` });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ConflictError('RUN_ENDED', `The run of task ${id} has ended`, { taskId: id });
      throw updateError(err, id);
    }
    await addHistory(this.#deps.orm, id, 'exempted', u.id, reason, { check: t.check_name });
    return { ok: true as const, check: t.check_name };
  }

  /** Applies one action to each selected task independently; every task gets its own result. */
  async bulk(u: SessionUser, req: BulkRequest) {
    const results: Array<{ taskId: string; ok: boolean; status?: string; code?: string; message?: string; httpStatus?: number }> = [];
    for (const taskId of [...new Set(req.taskIds)]) {
      try {
        const v = req.action === 'complete' ? await this.complete(u, taskId, req.outcome, req.data ?? {}) : await this.reassign(u, taskId, req.assignee, req.reason);
        results.push({ taskId, ok: true, status: v.status });
      } catch (err) {
        if (!(err instanceof LedgerflowError) || err.status >= 500) {
          results.push({ taskId, ok: false, code: err instanceof LedgerflowError ? err.code : 'INTERNAL', message: 'internal error', httpStatus: 500 });
          continue;
        }
        results.push({ taskId, ok: false, code: err.code === 'FORBIDDEN' ? String((err.details as { reason?: string } | undefined)?.reason ?? err.code) : err.code, message: err.message, httpStatus: err.status });
      }
    }
    return { results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  }
}

