// A user's own sessions (list, revoke; ids are not the lookup hash), an admin's view of anyone's, the expired purge.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@ledgerflow/db';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let admin: Agent;
const GOOD = 'correct horse battery staple';
type SessionJson = { id: string; current: boolean; ip: string | null; userAgent: string | null; createdAt: string };

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login(['admin']);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** Another session of the same user, from another browser. */
async function secondSession(a: Agent, userAgent: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: a.username, password: GOOD },
    headers: { 'user-agent': userAgent },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return {
    token: res.cookies.find((c) => c.name === 'lf_session')!.value,
    get: (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie } }),
  };
}

describe('own sessions', () => {
  it('lists them without exposing the lookup hash, and a revoked one is refused at once', async () => {
    const me = await h.login(['viewer']);
    const other = await secondSession(me, 'Firefox/140 test');
    const list = (await me.get('/api/auth/sessions')).json() as { items: SessionJson[] };
    expect(list.items).toHaveLength(2);
    expect(list.items.filter((s) => s.current)).toHaveLength(1);
    const firefox = list.items.find((s) => s.userAgent === 'Firefox/140 test')!;
    expect(firefox.current).toBe(false);
    expect(firefox.ip).toBe('127.0.0.1');
    const hash = createHash('sha256').update(other.token).digest('hex');
    expect(JSON.stringify(list)).not.toContain(hash);
    expect(JSON.stringify(list)).not.toContain(other.token);

    // Someone else's session id is not found for me.
    const stranger = await h.login(['viewer']);
    const theirs = (await stranger.get('/api/auth/sessions')).json().items[0].id as string;
    expect((await me.req({ method: 'DELETE', url: `/api/auth/sessions/${theirs}` })).statusCode).toBe(404);
    expect((await stranger.get('/api/auth/me')).statusCode).toBe(200);

    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
    const del = await me.req({ method: 'DELETE', url: `/api/auth/sessions/${firefox.id}` });
    expect(del.statusCode, del.body).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await me.get('/api/auth/me')).statusCode).toBe(200);
    expect((await me.get('/api/auth/sessions')).json().items).toHaveLength(1);
  });

  it('a password change ends the other sessions and keeps this one', async () => {
    const me = await h.login(['viewer']);
    const other = await secondSession(me, 'Other browser');
    const res = await me.post('/api/account/password', {
      currentPassword: GOOD,
      newPassword: 'amber kettle on a cold ridge',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await me.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('admin and sessions', () => {
  it("lists and revokes another user's sessions, one or all", async () => {
    const u = await h.login(['approver']);
    const s2 = await secondSession(u, 'Phone');
    const listed = await admin.get(`/api/admin/users/${u.userId}/sessions`);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as SessionJson[];
    expect(items).toHaveLength(2);
    expect((await u.get(`/api/admin/users/${u.userId}/sessions`)).statusCode).toBe(403);

    const phone = items.find((s) => s.userAgent === 'Phone')!;
    const one = await admin.req({ method: 'DELETE', url: `/api/admin/users/${u.userId}/sessions/${phone.id}` });
    expect(one.statusCode, one.body).toBe(200);
    expect((await s2.get('/api/auth/me')).statusCode).toBe(401);
    expect((await u.get('/api/auth/me')).statusCode).toBe(200);

    const all = await admin.req({ method: 'DELETE', url: `/api/admin/users/${u.userId}/sessions` });
    expect(all.json()).toEqual({ ended: 1 });
    expect((await u.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('expired sessions', () => {
  it('are purged (by a login, or the periodic purge), not only ignored', async () => {
    const u = await h.login(['viewer']);
    const conn = h.orm.em.fork().getConnection();
    await conn.execute(`update sessions set expires_at = now() - interval '1 minute' where user_id = ?`, [u.userId]);
    const count = async () =>
      Number(
        (
          await conn.execute<Array<{ n: string }>>('select count(*) as n from sessions where user_id = ?', [u.userId])
        )[0]?.n,
      );
    expect(await count()).toBe(1);
    expect((await u.get('/api/auth/me')).statusCode).toBe(401);
    await h.login(['viewer']);
    expect(await count()).toBe(0);

    const v = await h.login(['viewer']);
    await conn.execute(`update sessions set expires_at = now() - interval '1 minute' where user_id = ?`, [v.userId]);
    expect(await createSessionStore(h.orm).purgeExpired()).toBeGreaterThanOrEqual(1);
    expect((await v.get('/api/auth/sessions')).statusCode).toBe(401);
  });
});
