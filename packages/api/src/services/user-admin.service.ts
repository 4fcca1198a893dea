// Users administered by admins: create, edit, disable/enable, reset password, sessions, bulk reassign of tasks.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { FastifyRequest } from 'fastify';
import {
  ACTIVE_TASK_STATUSES,
  ConflictError,
  NotFoundError,
  ValidationError,
  normalizeDecimal,
  type Role,
} from '@ledgerflow/flow-model';
import {
  createSessionStore,
  createTaskStore,
  createUserStore,
  type SessionView,
  type UserAdminRow,
  type UserChanges,
} from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import { TaskLifecycleService, type Assignee } from './task-lifecycle.service.ts';

type Limit = { amount: string; currency: string } | null;
export interface UserInput {
  displayName?: string;
  email?: string | null;
  locale?: string;
  roles?: Role[];
  groups?: string[];
  managerId?: string | null;
  approvalLimit?: Limit;
}
export interface NewUserInput extends UserInput {
  username: string;
  password: string;
}

const normLimit = (l: Limit | undefined): Limit | undefined =>
  l === undefined || l === null ? l : { amount: normalizeDecimal(l.amount), currency: l.currency };
// Duplicates are kept out of the stored lists; the order the admin gave is kept.
const uniq = <T>(xs: T[] | undefined) => (xs === undefined ? undefined : [...new Set(xs)]);

export interface UserListFilter {
  q?: string;
  status?: 'enabled' | 'disabled';
}

export class UserAdminService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #users() {
    return createUserStore(this.#deps.orm.em.fork());
  }
  async #get(id: string): Promise<UserAdminRow> {
    const u = await this.#users().findAdmin(id);
    if (!u) throw new NotFoundError('User', id);
    return u;
  }
  /** A manager must exist, differ from the user and not have the user above them (no cycle). */
  async #checkManager(userId: string | null, managerId: string | null | undefined) {
    if (!managerId) return;
    const problem = (code: string, message: string) =>
      new ValidationError(`Manager: ${message}`, [{ path: '/managerId', code, message }], code);
    if (managerId === userId) throw problem('MANAGER_SELF', 'a user cannot be their own manager');
    if (!(await this.#users().findAdmin(managerId))) throw problem('UNKNOWN_MANAGER', `no user '${managerId}'`);
    if (userId && (await this.#users().managerChain(managerId)).includes(userId))
      throw problem('MANAGER_CYCLE', 'this manager reports (directly or not) to the user');
  }

  /** The users, narrowed as the users page filters them: text in any name, role, group or address; status. */
  async list(f: UserListFilter = {}) {
    const rows = await this.#users().list();
    const q = f.q?.trim().toLowerCase();
    return rows.filter(
      (u) =>
        (!f.status || u.disabled === (f.status === 'disabled')) &&
        (!q ||
          [u.username, u.displayName, u.email ?? '', ...u.roles, ...u.groups].some((s) => s.toLowerCase().includes(q))),
    );
  }
  get(id: string) {
    return this.#get(id);
  }

  /** The admin picks a first password; the user must replace it at first login. */
  async create(req: FastifyRequest, input: NewUserInput): Promise<UserAdminRow> {
    assertPasswordPolicy(input.password, input.username, '/password');
    if (await this.#users().existsUsername(input.username))
      throw new ConflictError('USERNAME_TAKEN', `The username '${input.username}' is taken`, { path: '/username' });
    await this.#checkManager(null, input.managerId);
    const id = randomUUID();
    try {
      await this.#users().insert({
        id,
        username: input.username,
        displayName: input.displayName ?? input.username,
        email: input.email ?? null,
        passwordHash: await hash(input.password),
        roles: uniq(input.roles) ?? [],
        groups: uniq(input.groups) ?? [],
        locale: input.locale ?? 'en',
        managerId: input.managerId ?? null,
        approvalLimit: normLimit(input.approvalLimit) ?? null,
        mustChangePassword: true,
      });
    } catch (err) {
      // Two admins creating the same username at once: the unique index decides.
      if ((err as { code?: string }).code === '23505')
        throw new ConflictError('USERNAME_TAKEN', `The username '${input.username}' is taken`, { path: '/username' });
      throw err;
    }
    const after = await this.#get(id);
    await recordAudit(this.#deps, req, { action: 'user.created', targetType: 'user', targetId: id, after });
    return after;
  }

  async update(req: FastifyRequest, id: string, input: UserInput): Promise<UserAdminRow> {
    const before = await this.#get(id);
    await this.#checkManager(id, input.managerId);
    const changes: UserChanges = {
      ...input,
      roles: uniq(input.roles),
      groups: uniq(input.groups),
      approvalLimit: normLimit(input.approvalLimit),
    };
    if (id === req.user!.id && changes.roles && !changes.roles.includes('admin') && before.roles.includes('admin'))
      throw new ValidationError(
        'You cannot remove your own admin role',
        [{ path: '/roles', code: 'SELF_DEMOTION', message: 'another admin must do this' }],
        'SELF_DEMOTION',
      );
    await this.#users().update(id, changes);
    const after = await this.#get(id);
    await recordAudit(this.#deps, req, { action: 'user.changed', targetType: 'user', targetId: id, before, after });
    if (input.roles && before.roles.join() !== after.roles.join())
      await recordAudit(this.#deps, req, {
        action: 'user.roles_changed',
        targetType: 'user',
        targetId: id,
        before: { roles: before.roles },
        after: { roles: after.roles },
      });
    return after;
  }

  /** Disabling ends the user's sessions at once; their tasks stay where they are until reassigned. */
  async setDisabled(req: FastifyRequest, id: string, disabled: boolean): Promise<UserAdminRow> {
    const before = await this.#get(id);
    if (disabled && id === req.user!.id)
      throw new ValidationError(
        'You cannot disable yourself',
        [{ path: '/id', code: 'SELF_DISABLE', message: 'another admin must do this' }],
        'SELF_DISABLE',
      );
    await this.#users().setDisabled(id, disabled);
    const ended = disabled ? await createSessionStore(this.#deps.orm).deleteForUser(id) : 0;
    const after = await this.#get(id);
    if (before.disabled !== disabled)
      await recordAudit(this.#deps, req, {
        action: disabled ? 'user.disabled' : 'user.enabled',
        targetType: 'user',
        targetId: id,
        before: { disabled: before.disabled },
        after: { disabled },
        details: disabled ? { sessionsEnded: ended } : undefined,
      });
    return after;
  }

  /** The admin sets a new password the user must replace at next login; their sessions end. */
  async resetPassword(req: FastifyRequest, id: string, password: string): Promise<UserAdminRow> {
    const u = await this.#get(id);
    assertPasswordPolicy(password, u.username, '/password');
    await this.#users().setPassword(id, await hash(password), true);
    const ended = await createSessionStore(this.#deps.orm).deleteForUser(id);
    await recordAudit(this.#deps, req, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: id,
      details: { sessionsEnded: ended },
    });
    return this.#get(id);
  }

  async sessions(id: string): Promise<SessionView[]> {
    await this.#get(id);
    return createSessionStore(this.#deps.orm).listForUser(id);
  }

  /** One session by its public id, or (sessionId omitted) all of them; returns how many ended. */
  async revokeSessions(req: FastifyRequest, id: string, sessionId?: string): Promise<number> {
    await this.#get(id);
    const store = createSessionStore(this.#deps.orm);
    let ended: number;
    if (sessionId) {
      if (!(await store.deleteByPublicId(id, sessionId))) throw new NotFoundError('Session', sessionId);
      ended = 1;
    } else ended = await store.deleteForUser(id);
    await recordAudit(this.#deps, req, {
      action: 'session.revoked',
      targetType: sessionId ? 'session' : 'user',
      targetId: sessionId ?? id,
      details: { userId: id, sessionsEnded: ended },
    });
    return ended;
  }

  /**
   * Moves every active task assigned to or claimed by the user to `assignee`, each through the task reassign path
   * (a Temporal Update to its run): the run stays the tasks' only writer. Each task gets its own result.
   */
  async reassignTasks(req: FastifyRequest, id: string, assignee: Assignee, reason: string) {
    await this.#get(id);
    if (assignee.type === 'user' && assignee.value === id)
      throw new ValidationError(
        'Choose someone else',
        [{ path: '/assignee/value', code: 'SAME_USER', message: 'the tasks already belong to this user' }],
        'SAME_USER',
      );
    const taskIds = await createTaskStore(this.#deps.orm.em.fork()).activeIdsOfUser(id, ACTIVE_TASK_STATUSES);
    const result = await new TaskLifecycleService(this.#deps).bulk(req.user!, {
      action: 'reassign',
      taskIds,
      assignee,
      reason,
    });
    await recordAudit(this.#deps, req, {
      action: 'tasks.bulk_reassigned',
      targetType: 'user',
      targetId: id,
      details: { assignee, reason, taskIds, succeeded: result.succeeded, failed: result.failed },
    });
    return result;
  }
}
