// Users administered by an admin: create, edit, disable (sessions end at once), reset passwords, sessions,
// and the bulk reassign of a disabled user's tasks through the task reassign path (real Temporal).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUserStore, initOrm, migrate } from '@ledgerflow/db';
import { createUser, ensureAdmin } from '@ledgerflow/api';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { approvalFlow, publish } from './tasks-flow.ts';

let h: Harness;
let admin: Agent;
const GOOD = 'correct horse battery staple';
const tag = () => randomUUID().slice(0, 8);

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login(['admin']);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function loginAs(username: string, password: string) {
  const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const body = res.json() as { csrfToken: string; user: { mustChangePassword: boolean } };
  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    h.app.inject({ method, url, payload: payload as string, headers: { cookie, 'x-csrf-token': body.csrfToken } });
  return { res, body, req };
}

describe('users store: what approval routing reads', () => {
  it('gives a user their manager and limit, and a role its enabled approvers with limits', async () => {
    const users = createUserStore(h.orm.em.fork());
    const t = tag();
    const managerId = await createUser(h.orm, { username: `boss-${t}`, password: 'x', roles: ['manager'] });
    const id = await createUser(h.orm, { username: `clerk-${t}`, password: 'x', roles: ['collector'] });
    await users.update(id, { managerId, approvalLimit: { amount: '15000.50', currency: 'EUR' } });
    expect(await users.approvalProfile(id)).toEqual({
      managerId,
      managerUsername: `boss-${t}`,
      limit: { amount: '15000.5', currency: 'EUR' },
    });
    expect(await users.approvalProfile(managerId)).toEqual({ managerId: null, managerUsername: null, limit: null });
    const approvers = await users.approversForRole('collector');
    expect(approvers.find((a) => a.id === id)).toEqual({
      id,
      username: `clerk-${t}`,
      limit: { amount: '15000.5', currency: 'EUR' },
    });
    await users.setDisabled(id, true);
    expect((await users.approversForRole('collector')).some((a) => a.id === id)).toBe(false);
  });
});

describe('admin users API', () => {
  it('creates, edits and lists a user; refuses non-admins, bad input and a taken username', async () => {
    const t = tag();
    const boss = await h.login(['manager']);
    const body = {
      username: `ann-${t}`,
      password: GOOD,
      displayName: 'Ann Martin',
      email: `ann-${t}@example.com`,
      locale: 'fr',
      roles: ['approver'],
      groups: ['credit', 'emea'],
      managerId: boss.userId,
      approvalLimit: { amount: '5000.00', currency: 'EUR' },
    };
    expect((await boss.post('/api/admin/users', body)).statusCode).toBe(403);
    expect((await boss.get('/api/admin/users')).statusCode).toBe(403);

    const created = await admin.post('/api/admin/users', body);
    expect(created.statusCode, created.body).toBe(201);
    const u = created.json();
    expect(u).toMatchObject({
      username: `ann-${t}`,
      displayName: 'Ann Martin',
      roles: ['approver'],
      groups: ['credit', 'emea'],
      managerId: boss.userId,
      managerUsername: boss.username,
      approvalLimit: { amount: '5000', currency: 'EUR' },
      mustChangePassword: true,
      disabled: false,
    });
    expect(JSON.stringify(u)).not.toMatch(/argon|hash/i);

    const dup = await admin.post('/api/admin/users', { ...body, username: `ANN-${t}` });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('USERNAME_TAKEN');

    const badLimit = await admin.post('/api/admin/users', {
      ...body,
      username: `x-${t}`,
      approvalLimit: { amount: '12,5', currency: 'EUR' },
    });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.body).toContain('approvalLimit');
    const badRole = await admin.req({ method: 'PUT', url: `/api/admin/users/${u.id}`, payload: { roles: ['god'] } });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.body).toContain('roles');
    const selfManager = await admin.req({
      method: 'PUT',
      url: `/api/admin/users/${u.id}`,
      payload: { managerId: u.id },
    });
    expect(selfManager.statusCode).toBe(400);
    expect(selfManager.json().details.problems[0].path).toBe('/managerId');

    const edited = await admin.req({
      method: 'PUT',
      url: `/api/admin/users/${u.id}`,
      payload: { roles: ['approver', 'collector'], approvalLimit: null, managerId: null },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ roles: ['approver', 'collector'], approvalLimit: null, managerId: null });
    const list = (await admin.get('/api/admin/users')).json() as { items: Array<{ id: string; roles: string[] }> };
    expect(list.items.find((x) => x.id === u.id)?.roles).toEqual(['approver', 'collector']);

    // The list's filters (any name, role or group; status) and its export with the same filters.
    const found = async (qs: string) =>
      ((await admin.get(`/api/admin/users?${qs}`)).json() as { items: Array<{ id: string }> }).items.map((x) => x.id);
    expect(await found(`q=ANN-${t}`)).toEqual([u.id]);
    expect(await found(`q=ann-${t}&status=disabled`)).toEqual([]);
    expect(await found('q=emea')).toContain(u.id);
    await admin.req({ method: 'PUT', url: `/api/admin/users/${u.id}`, payload: { displayName: '=Ann Martin' } });
    await admin.req({
      method: 'PUT',
      url: `/api/admin/users/${u.id}`,
      payload: { approvalLimit: { amount: '12500.50', currency: 'EUR' } },
    });
    const csv = await admin.get(`/api/admin/users/export?format=csv&q=ann-${t}&status=enabled`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="users-[\d-]+\.csv"$/);
    expect(csv.body.split('\r\n')).toEqual([
      '\uFEFFusername,displayName,email,language,roles,groups,manager,approvalLimit,approvalLimitCurrency,status,' +
        'mustChangePassword,createdAt',
      expect.stringMatching(
        new RegExp(
          `^ann-${t},'=Ann Martin,ann-${t}@example\\.com,fr,approver \\| collector,credit \\| emea,,12500\\.5,EUR,enabled,yes,`,
        ),
      ),
      '',
    ]);
    expect((await boss.get('/api/admin/users/export?format=csv')).statusCode).toBe(403);
    expect((await admin.get('/api/admin/users/export?format=txt')).json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a weak or common password, stating the policy', async () => {
    const t = tag();
    for (const password of ['short1', 'password1234', `zed-${t}-zed-${t}`]) {
      const res = await admin.post('/api/admin/users', { username: `zed-${t}`, password, roles: [] });
      expect(res.statusCode, password).toBe(400);
      const err = res.json();
      expect(err.code).toBe('PASSWORD_POLICY');
      expect(err.details.policy.join(' ')).toMatch(/12 characters/);
      expect(err.details.problems[0].path).toBe('/password');
    }
    const codes = async (password: string) =>
      (
        (await admin.post('/api/admin/users', { username: `zed-${t}`, password, roles: [] })).json().details
          .problems as Array<{ code: string }>
      ).map((p) => p.code);
    expect(await codes('short1')).toContain('PASSWORD_TOO_SHORT');
    expect(await codes(`my-zed-${t}-password`)).toContain('PASSWORD_CONTAINS_USERNAME');
    expect(await codes('password1234')).toEqual(expect.arrayContaining([expect.stringMatching(/COMMON|WEAK/)]));
  });

  it('makes an admin-created user change the password first, then lets them in', async () => {
    const t = tag();
    const created = await admin.post('/api/admin/users', { username: `bob-${t}`, password: GOOD, roles: ['viewer'] });
    expect(created.statusCode, created.body).toBe(201);
    const bob = await loginAs(`bob-${t}`, GOOD);
    expect(bob.res.statusCode).toBe(200);
    expect(bob.body.user.mustChangePassword).toBe(true);
    const blocked = await bob.req('GET', '/api/tasks');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await bob.req('GET', '/api/auth/sessions')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await bob.req('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);

    const wrong = await bob.req('POST', '/api/account/password', { currentPassword: 'nope', newPassword: 'x' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.problems[0].path).toBe('/currentPassword');
    const weak = await bob.req('POST', '/api/account/password', { currentPassword: GOOD, newPassword: 'abc' });
    expect(weak.json().code).toBe('PASSWORD_POLICY');
    const NEW = 'violet tractor under nine moons';
    const ok = await bob.req('POST', '/api/account/password', { currentPassword: GOOD, newPassword: NEW });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await bob.req('GET', '/api/tasks')).statusCode).toBe(200);
    expect((await bob.req('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await loginAs(`bob-${t}`, GOOD)).res.statusCode).toBe(401);
    expect((await loginAs(`bob-${t}`, NEW)).body.user.mustChangePassword).toBe(false);

    // An admin reset forces the change again and ends the user's sessions.
    const reset = await admin.post(`/api/admin/users/${created.json().id}/password`, { password: GOOD });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await bob.req('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await loginAs(`bob-${t}`, GOOD)).body.user.mustChangePassword).toBe(true);
  });

  it('disabling a user ends their sessions at once and refuses their login; enabling lets them back', async () => {
    const carol = await h.login(['approver']);
    expect((await carol.get('/api/tasks')).statusCode).toBe(200);
    const self = await admin.post(`/api/admin/users/${admin.userId}/disable`);
    expect(self.statusCode).toBe(400);
    expect((await carol.post(`/api/admin/users/${carol.userId}/disable`)).statusCode).toBe(403);

    const off = await admin.post(`/api/admin/users/${carol.userId}/disable`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().disabled).toBe(true);
    expect((await carol.get('/api/tasks')).statusCode).toBe(401);
    // Ended, not only refused while disabled: enabling again does not revive them.
    expect((await admin.get(`/api/admin/users/${carol.userId}/sessions`)).json().items).toEqual([]);
    expect((await loginAs(carol.username, GOOD)).res.statusCode).toBe(401);
    expect((await admin.get(`/api/admin/users/${carol.userId}`)).json().disabled).toBe(true);

    expect((await admin.post(`/api/admin/users/${carol.userId}/enable`)).json().disabled).toBe(false);
    expect((await carol.get('/api/tasks')).statusCode).toBe(401);
    expect((await loginAs(carol.username, GOOD)).res.statusCode).toBe(200);
  });
});

describe("bulk reassign of a disabled user's tasks", () => {
  it('moves every active task of the user through the task reassign path, leaving others alone', async () => {
    const group = `br-${tag()}`;
    const owner = await h.login(['process_owner']);
    const dave = await h.login(['approver'], { groups: [group] });
    const erin = await h.login(['approver'], { groups: [group] });
    const manager = await h.login(['manager']);
    const flowId = await publish(owner, approvalFlow({ group }));
    const start = async () => {
      const key = `CN-${tag()}`;
      const res = await owner.post('/api/runs', {
        flowId,
        businessKey: key,
        input: { creditNote: key, amount: { amount: '100.00', currency: 'EUR' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const runId = res.json().runId as string;
      return eventually(async () => {
        const list = (await dave.get(`/api/tasks?view=groups&businessKey=${key}`)).json() as {
          items: Array<{ id: string; runId: string }>;
        };
        return list.items.find((t) => t.runId === runId)?.id;
      });
    };
    const [claimed, assigned, untouched] = [await start(), await start(), await start()];
    expect((await dave.post(`/api/tasks/${claimed}/claim`)).statusCode).toBe(200);
    const toDave = await manager.post(`/api/tasks/${assigned}/reassign`, {
      assignee: { type: 'user', value: dave.username },
      reason: 'dave knows this customer',
    });
    expect(toDave.statusCode, toDave.body).toBe(200);

    expect((await admin.post(`/api/admin/users/${dave.userId}/disable`)).statusCode).toBe(200);
    // Disabled, nothing deleted: the tasks stay visible where they are until moved.
    const before = (await admin.get(`/api/tasks/${assigned}`)).json();
    expect(before.task.assignee).toEqual({ type: 'user', value: dave.userId });

    const res = await admin.post(`/api/admin/users/${dave.userId}/reassign-tasks`, {
      assignee: { type: 'user', value: erin.username },
      reason: 'dave left',
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as { succeeded: number; failed: number; results: Array<{ taskId: string }> };
    expect({ succeeded: out.succeeded, failed: out.failed }).toEqual({ succeeded: 2, failed: 0 });
    expect(out.results.map((r) => r.taskId).sort()).toEqual([claimed, assigned].sort());
    for (const id of [claimed, assigned]) {
      const t = (await erin.get(`/api/tasks/${id}`)).json();
      expect(t.task.assignee).toEqual({ type: 'user', value: erin.userId });
      expect(t.task.claimedBy).not.toBe(dave.userId);
      expect(t.history.some((e: { kind: string; reason: string | null }) => e.reason === 'dave left')).toBe(true);
    }
    expect((await admin.get(`/api/tasks/${untouched}`)).json().task.assignee).toEqual({ type: 'group', value: group });

    const again = await admin.post(`/api/admin/users/${dave.userId}/reassign-tasks`, {
      assignee: { type: 'role', value: 'approver' },
      reason: 'nothing left',
    });
    expect(again.json()).toMatchObject({ succeeded: 0, failed: 0 });
    const nonAdmin = await manager.post(`/api/admin/users/${dave.userId}/reassign-tasks`, {
      assignee: { type: 'role', value: 'approver' },
      reason: 'x',
    });
    expect(nonAdmin.statusCode).toBe(403);
  });
});

describe('first admin', () => {
  it('is created on an empty database with a password that must be changed at first login', async () => {
    const db = `first_admin_${tag().replaceAll('-', '')}`;
    const conn = h.orm.em.fork().getConnection();
    await conn.execute(`create database ${db}`);
    const url = new URL(inject('stack').DATABASE_URL);
    url.pathname = `/${db}`;
    const orm = await initOrm({ url: url.toString(), poolMax: 1, quiet: true });
    try {
      await migrate(orm);
      const first = await ensureAdmin(orm);
      expect(first?.username).toBe('admin');
      const row = await createUserStore(orm.em.fork()).findForLogin('admin');
      expect(row).toMatchObject({ roles: ['admin'], must_change_password: true });
      expect(await ensureAdmin(orm)).toBeNull();
    } finally {
      await orm.close(true);
      await conn.execute(`drop database ${db}`);
    }
  });
});

describe('audit of user administration', () => {
  it('records each change with the admin as actor, before/after views and no password or hash', async () => {
    const t = tag();
    const created = await admin.post('/api/admin/users', { username: `aud-${t}`, password: GOOD, roles: ['viewer'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await admin.put(`/api/admin/users/${id}`, { roles: ['viewer', 'approver'], displayName: 'Audited' });
    await admin.post(`/api/admin/users/${id}/password`, { password: 'another long passphrase here' });
    await admin.post(`/api/admin/users/${id}/disable`);
    await admin.post(`/api/admin/users/${id}/enable`);
    await admin.req({ method: 'DELETE', url: `/api/admin/users/${id}/sessions` });
    await admin.post(`/api/admin/users/${id}/reassign-tasks`, {
      assignee: { type: 'role', value: 'approver' },
      reason: 'r',
    });
    const log = await admin.get(`/api/admin/audit?targetId=${id}&limit=50`);
    expect(log.statusCode, log.body).toBe(200);
    const items = log.json().items as Array<{ action: string; actorId: string; before: unknown; after: unknown }>;
    expect(items.map((e) => e.action).sort()).toEqual(
      [
        'session.revoked',
        'tasks.bulk_reassigned',
        'user.changed',
        'user.created',
        'user.disabled',
        'user.enabled',
        'user.password_reset',
        'user.roles_changed',
      ].sort(),
    );
    expect(items.every((e) => e.actorId === admin.userId)).toBe(true);
    const changed = items.find((e) => e.action === 'user.changed')!;
    expect(changed.before).toMatchObject({ displayName: `aud-${t}`, roles: ['viewer'] });
    expect(changed.after).toMatchObject({ displayName: 'Audited', roles: ['viewer', 'approver'] });
    expect(log.body).not.toMatch(/argon2|passphrase|correct horse/);

    // The user's own change is recorded under their name.
    const bob = await loginAs(`aud-${t}`, 'another long passphrase here');
    const own = await bob.req('POST', '/api/account/password', {
      currentPassword: 'another long passphrase here',
      newPassword: 'yet another fine passphrase',
    });
    expect(own.statusCode, own.body).toBe(200);
    const mine = (await admin.get(`/api/admin/audit?targetId=${id}&action=user.password_changed`)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].actorId).toBe(id);
  });
});
