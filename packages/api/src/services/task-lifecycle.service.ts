// Task lifecycle: claim, unclaim, delegate, reassign, complete, exempt, bulk. The run owns the task: each change is
// a Temporal Update whose validator decides (task-rules.ts in the engine) and whose handler writes the row before
// answering. Here: who may ask at all (session roles, visibility), input the run cannot check (the form against
// its JSON Schema, attachments, the user named), then the run's answer, read back from the row.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ConflictError, ForbiddenError, LedgerflowError, ValidationError } from '@ledgerflow/flow-model';
import { completeTaskUpdate, exemptUpdate, taskActionUpdate, type TaskAction } from '@ledgerflow/engine';
import { createTaskFilesStore, createUserStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { assertActive, assertCanAct, isAdmin, isSupervisor, loadTask, taskView, type TaskRow } from './task-model.ts';
import { formProblems } from './task-form.ts';
import { taskUpdateError } from './task-update-errors.ts';

export interface Assignee {
  type: 'user' | 'role' | 'group';
  value: string;
}
export type BulkRequest =
  | { action: 'complete'; taskIds: string[]; outcome: string; data?: Record<string, unknown> }
  | { action: 'reassign'; taskIds: string[]; assignee: Assignee; reason: string };

export class TaskLifecycleService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Sends one update to the task's run; its refusal comes back as the API error of its type. */
  async #update<R>(
    t: TaskRow,
    send: (h: ReturnType<AppDeps['temporal']['workflow']['getHandle']>) => Promise<R>,
  ): Promise<R> {
    try {
      return await send(this.#deps.temporal.workflow.getHandle(t.workflow_id));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new ConflictError('RUN_ENDED', `The run of task ${t.id} has ended; the task can no longer be changed`, {
          taskId: t.id,
        });
      throw taskUpdateError(err, t.id);
    }
  }
  async #act(t: TaskRow, action: TaskAction) {
    await this.#update(t, (h) => h.executeUpdate(taskActionUpdate, { args: [action], updateId: randomUUID() }));
    return taskView(await loadTask(this.#deps.orm, t.id, false));
  }
  async #activeUser(value: string, path: string) {
    const [target] = await createUserStore(this.#deps.orm.em.fork()).contactsOfAssignee('user', value);
    if (!target)
      throw new ValidationError(
        `No active user '${value}'`,
        [{ path, code: 'UNKNOWN_USER', message: `no active user '${value}'` }],
        'UNKNOWN_USER',
      );
    return target;
  }

  async claim(u: SessionUser, id: string) {
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    assertCanAct(t, u);
    if (t.status === 'claimed' && t.claimed_by === u.id) return taskView(t);
    return this.#act(t, { action: 'claim', taskId: id, actor: actor(u) });
  }

  async unclaim(u: SessionUser, id: string) {
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    if (t.status !== 'claimed')
      throw new ConflictError('TASK_NOT_CLAIMED', `Task ${id} is not claimed`, { taskId: id });
    if (t.claimed_by !== u.id && !isAdmin(u))
      throw new ForbiddenError(`Task ${id} is claimed by another user`, {
        reason: 'TASK_CLAIMED_BY_OTHER',
        taskId: id,
      });
    return this.#act(t, { action: 'unclaim', taskId: id, actor: actor(u) });
  }

  /** Hands the task to one named user (by username or id), who gets it unclaimed. */
  async delegate(u: SessionUser, id: string, to: string, reason: string) {
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    if (!isSupervisor(u)) assertCanAct(t, u);
    const target = await this.#activeUser(to, '/to');
    if (target.id === u.id)
      throw new ValidationError(
        'You cannot delegate a task to yourself',
        [{ path: '/to', code: 'SELF', message: 'choose someone else' }],
        'DELEGATE_SELF',
      );
    return this.#act(t, {
      action: 'delegate',
      taskId: id,
      actor: actor(u),
      to: { type: 'user', value: target.id, username: target.username },
      reason,
    });
  }

  /** Supervisors move a task to another user, role or group. */
  async reassign(u: SessionUser, id: string, assignee: Assignee, reason: string) {
    if (!isSupervisor(u))
      throw new ForbiddenError('Reassigning needs the admin, manager or process_owner role', { reason: 'REASSIGN' });
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    const value =
      assignee.type === 'user' ? (await this.#activeUser(assignee.value, '/assignee/value')).id : assignee.value;
    return this.#act(t, {
      action: 'reassign',
      taskId: id,
      actor: actor(u),
      to: { type: assignee.type, value },
      reason,
    });
  }

  async complete(u: SessionUser, id: string, outcome: string, data: Record<string, unknown>) {
    const t = await loadTask(this.#deps.orm, id);
    assertActive(t);
    assertCanAct(t, u);
    if (!t.outcomes.some((o) => o.name === outcome)) {
      throw new ValidationError(
        `'${outcome}' is not an outcome of this task (${t.outcomes.map((o) => o.name).join(', ')})`,
        [
          {
            path: '/outcome',
            code: 'OUTCOME_INVALID',
            message: `expected one of ${t.outcomes.map((o) => o.name).join(', ')}`,
          },
        ],
        'OUTCOME_INVALID',
      );
    }
    const attachments = await createTaskFilesStore(this.#deps.orm.em.fork()).attachmentCount(id);
    const problems = formProblems(
      t.form,
      data,
      attachments,
      t.outcomes.find((o) => o.name === outcome),
    );
    if (problems.length)
      throw new ValidationError(
        `The form has ${problems.length} problem(s): ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        problems,
        'FORM_INVALID',
      );
    // The run compares an approval with the approver's limit: read here, the workflow cannot read users.
    const approvalLimit =
      t.outcomes.find((o) => o.name === outcome)?.kind === 'approve'
        ? ((await createUserStore(this.#deps.orm.em.fork()).approvalProfile(u.id))?.limit ?? null)
        : null;
    const requestId = randomUUID();
    // The update id is the task id: a double click or a retried request reaches the run once; the four-eyes rule,
    // the outcome and the claim are the run's to decide.
    const res = await this.#update(t, (h) =>
      h.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskId: id,
            outcome,
            data,
            userId: u.id,
            username: u.username,
            userRoles: u.roles,
            requestId,
            approvalLimit,
          },
        ],
        updateId: id,
      }),
    );
    // A concurrent duplicate was folded into the first request's update: only that one reports success.
    if (res.requestId && res.requestId !== requestId)
      throw new ConflictError('TASK_NOT_OPEN', `Task ${id} was already completed`, { taskId: id });
    return taskView(await loadTask(this.#deps.orm, id, false));
  }

  /** Exempts the task's case from the task's named check; the run records it and settles the task. */
  async exempt(u: SessionUser, id: string, reason: string) {
    if (!u.roles.some((r) => r === 'admin' || r === 'manager'))
      throw new ForbiddenError('Exemptions need the manager or admin role', { reason: 'EXEMPT' });
    const t = await loadTask(this.#deps.orm, id, false);
    assertActive(t);
    const check = t.check_name;
    if (!check)
      throw new ConflictError('NO_CHECK', `Task ${id} is not a named check; nothing to exempt from`, { taskId: id });
    await this.#update(t, (h) =>
      h.executeUpdate(exemptUpdate, { args: [{ check, reason, userId: u.id }], updateId: `exempt-${id}` }),
    );
    return { ok: true as const, check };
  }

  /** Applies one action to each selected task independently; every task gets its own result. */
  async bulk(u: SessionUser, req: BulkRequest) {
    const results: Array<{
      taskId: string;
      ok: boolean;
      status?: string;
      code?: string;
      message?: string;
      httpStatus?: number;
    }> = [];
    for (const taskId of [...new Set(req.taskIds)]) {
      try {
        const v =
          req.action === 'complete'
            ? await this.complete(u, taskId, req.outcome, req.data ?? {})
            : await this.reassign(u, taskId, req.assignee, req.reason);
        results.push({ taskId, ok: true, status: v.status });
      } catch (err) {
        if (!(err instanceof LedgerflowError) || err.status >= 500) {
          results.push({
            taskId,
            ok: false,
            code: err instanceof LedgerflowError ? err.code : 'INTERNAL',
            message: 'internal error',
            httpStatus: 500,
          });
          continue;
        }
        results.push({
          taskId,
          ok: false,
          code:
            err.code === 'FORBIDDEN'
              ? String((err.details as { reason?: string } | undefined)?.reason ?? err.code)
              : err.code,
          message: err.message,
          httpStatus: err.status,
        });
      }
    }
    return { results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  }
}

const actor = (u: SessionUser) => ({ userId: u.id, username: u.username, roles: [...u.roles] });
