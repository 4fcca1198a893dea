// Issue #12, single sign-on: OpenID Connect against a real provider (oidc-provider on a free port), driven through
// its redirects with fetch, and the real API, Postgres and SecretBox. Nothing of the OIDC client is mocked.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createAuditStore, createSsoSettingsStore, loadEnv, SecretBox } from '@ledgerflow/db';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';
import { followToCallback, startTestProvider, type TestProvider } from './helpers/oidc-test-provider.ts';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const CALLBACK = '/api/auth/sso/callback';

let h: Harness;
let p: TestProvider;
let admin: Agent;
const env = () => ({ ...loadEnv({ ...process.env, ...inject('stack'), LOG_LEVEL: 'silent' }), PUBLIC_URL });

beforeAll(async () => {
  p = await startTestProvider(`${PUBLIC_URL}${CALLBACK}`);
  h = await createHarness({ env: env() });
  admin = await h.login(['admin']);
});
afterAll(async () => {
  // Back to "not configured" so the other test files log in with passwords.
  if (h) await createSsoSettingsStore(h.orm.em.fork()).clear();
  await h?.close();
  await p?.close();
});

const settings = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  issuer: p.issuer,
  clientId: p.clientId,
  clientSecret: p.clientSecret,
  buttonLabel: 'Test IdP',
  scopes: 'openid profile email',
  usernameClaim: null,
  rolesClaim: 'roles',
  groupsClaim: 'groups',
  roleMapping: { 'Finance-Approvers': 'approver' },
  defaultRole: 'viewer',
  passwordLogin: true,
  ...over,
});

async function configure(over: Record<string, unknown> = {}) {
  const res = await admin.put('/api/admin/sso', settings(over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}

/** A provider account with these claims; returns its subject. */
function account(claims: Record<string, unknown>): string {
  const sub = `sub-${randomUUID()}`;
  p.accounts.set(sub, claims);
  return sub;
}

const cookieOf = (res: LightMyRequestResponse, name: string) =>
  [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';', 1)[0]!)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** The whole browser round trip: our login route, the provider, back to our callback. */
async function signIn(sub: string, tamper?: (callback: URL) => void): Promise<LightMyRequestResponse> {
  p.signInAs(sub);
  const start = await h.app.inject({ method: 'GET', url: '/api/auth/sso/login' });
  expect(start.statusCode, start.body).toBe(302);
  const pending = cookieOf(start, 'lf_sso');
  expect(pending).toBeDefined();
  const callback = new URL(await followToCallback(String(start.headers.location), CALLBACK), PUBLIC_URL);
  tamper?.(callback);
  return h.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: pending! } });
}

async function me(res: LightMyRequestResponse) {
  const session = cookieOf(res, 'lf_session');
  expect(session, res.body).toBeDefined();
  const r = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session! } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().user as { id: string; username: string; roles: string[]; groups: string[]; displayName: string };
}

describe('OpenID Connect sign-in', () => {
  it('creates the user on first sign-in with mapped roles and groups, and reuses it the next time', async () => {
    await configure();
    const name = `alice-${randomUUID().slice(0, 6)}`;
    const sub = account({
      preferred_username: name,
      name: 'Alice Martin',
      email: `${name}@example.com`,
      roles: ['approver', 'Finance-Approvers', 'Manager', 'superuser'],
      groups: ['/finance', 'credit'],
    });
    const first = await signIn(sub);
    expect(first.statusCode, first.body).toBe(302);
    expect(first.headers.location).toBe('/');
    const user = await me(first);
    // 'superuser' is no role: ignored; 'Finance-Approvers' maps to approver; names match case-insensitively.
    expect(user).toMatchObject({ username: name, displayName: 'Alice Martin', roles: ['approver', 'manager'] });
    expect(user.groups).toEqual(['credit', 'finance']);
    // The session works for the API, not only for /me: a manager may read the outbox.
    const session = cookieOf(first, 'lf_session')!;
    expect((await h.app.inject({ method: 'GET', url: '/api/outbox', headers: { cookie: session } })).statusCode).toBe(
      200,
    );

    p.accounts.set(sub, { ...p.accounts.get(sub), roles: ['collector'] });
    const second = await signIn(sub);
    const again = await me(second);
    expect(again.id).toBe(user.id);
    expect(again.roles).toEqual(['collector']);
    const rows = await h.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: string }>>('select count(*)::text as n from users where username = ?', [name]);
    expect(rows[0]?.n).toBe('1');
    const audit = createAuditStore(h.orm.em.fork());
    const logins = await audit.list({ action: 'login.succeeded', targetId: user.id }, 10, 0);
    expect(logins.rows.map((r) => [r.actor_id, r.details.method])).toEqual([
      [user.id, 'sso'],
      [user.id, 'sso'],
    ]);
  });

  it('refuses a user disabled here even though the provider says yes', async () => {
    await configure();
    const name = `dora-${randomUUID().slice(0, 6)}`;
    const sub = account({ preferred_username: name, roles: ['approver'] });
    const user = await me(await signIn(sub));
    await h.orm.em.fork().getConnection().execute('update users set disabled = true where id = ?', [user.id]);
    const refused = await signIn(sub);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'SSO_USER_DISABLED' });
    const failed = await createAuditStore(h.orm.em.fork()).list({ action: 'login.failed', actor: user.username }, 5, 0);
    expect(failed.rows[0]?.details).toMatchObject({ method: 'sso', code: 'SSO_USER_DISABLED' });
    expect(cookieOf(refused, 'lf_session')).toBeUndefined();
  });

  it('refuses a tampered or missing state, and opens no session', async () => {
    await configure();
    const sub = account({ preferred_username: `tom-${randomUUID().slice(0, 6)}`, roles: ['viewer'] });
    const tampered = await signIn(sub, (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`));
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json()).toMatchObject({ code: 'SSO_STATE_INVALID' });
    expect(cookieOf(tampered, 'lf_session')).toBeUndefined();

    // A callback replayed in another browser (no pending cookie) is refused the same way.
    p.signInAs(sub);
    const start = await h.app.inject({ method: 'GET', url: '/api/auth/sso/login' });
    const callback = await followToCallback(String(start.headers.location), CALLBACK);
    const foreign = await h.app.inject({ method: 'GET', url: callback });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'SSO_STATE_INVALID' });
    // A browser is sent back to the login page with the reason instead of a page of JSON.
    const browser = await h.app.inject({ method: 'GET', url: callback, headers: { accept: 'text/html' } });
    expect(browser.statusCode).toBe(302);
    expect(browser.headers.location).toBe('/?sso_error=SSO_STATE_INVALID');
  });

  it('maps roles from a nested claim path (Keycloak realm_access.roles), else gives the default role', async () => {
    await configure({ rolesClaim: 'realm_access.roles', defaultRole: 'collector' });
    const kc = account({
      preferred_username: `kc-${randomUUID().slice(0, 6)}`,
      roles: ['admin'],
      realm_access: { roles: ['process_owner', 'offline_access', 'uma_authorization'] },
    });
    expect((await me(await signIn(kc))).roles).toEqual(['process_owner']);
    const none = account({ email: `none-${randomUUID().slice(0, 6)}@example.com`, realm_access: { roles: ['x'] } });
    const u = await me(await signIn(none));
    expect(u.roles).toEqual(['collector']);
    expect(u.username).toMatch(/^none-.*@example\.com$/);
  });
});

describe('SSO settings', () => {
  it('answers 400 naming the issuer for one that is no URL or not https off this machine', async () => {
    for (const issuer of ['http://', 'http://idp.example.com']) {
      const res = await admin.put('/api/admin/sso', settings({ enabled: false, issuer }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'SSO_CONFIG_INVALID', details: { path: '/issuer' } });
    }
  });

  it('keeps the client secret encrypted and write-only', async () => {
    const view = await configure();
    expect(view).toMatchObject({ hasSecret: true, source: 'database', redirectUri: `${PUBLIC_URL}${CALLBACK}` });
    const got = await admin.get('/api/admin/sso');
    expect(got.body).not.toContain(p.clientSecret);
    const row = await createSsoSettingsStore(h.orm.em.fork()).get();
    expect(row!.client_secret_enc).toMatch(/^v1\./);
    expect(row!.client_secret_enc).not.toContain(p.clientSecret);
    const changes = await createAuditStore(h.orm.em.fork()).list({ action: 'sso.settings_changed' }, 50, 0);
    expect(changes.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(changes.rows)).not.toContain(p.clientSecret);
    // Saved again without the secret: it is kept, and sign-in still authenticates at the token endpoint.
    const { clientSecret: _omitted, ...rest } = settings();
    expect((await admin.put('/api/admin/sso', rest)).json()).toMatchObject({ hasSecret: true });
    const sub = account({ preferred_username: `kept-${randomUUID().slice(0, 6)}` });
    expect((await signIn(sub)).statusCode).toBe(302);
    const viewer = await h.login(['viewer']);
    expect((await viewer.get('/api/admin/sso')).statusCode).toBe(403);
  });

  it('re-encrypts a kept secret under the current key on save, so an old key can be dropped', async () => {
    await configure();
    const oldKeys = inject('stack').LEDGERFLOW_SECRET_KEYS;
    const newKey = `k-sso:${randomBytes(32).toString('base64')}`;
    const rotated = await createHarness({ env: env(), secrets: SecretBox.parse(`${newKey},${oldKeys}`) });
    try {
      const { clientSecret: _kept, ...rest } = settings();
      const saved = await rotated.app.inject({
        method: 'PUT',
        url: '/api/admin/sso',
        payload: rest,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      });
      expect(saved.statusCode, saved.body).toBe(200);
    } finally {
      await rotated.close();
    }
    const row = await createSsoSettingsStore(h.orm.em.fork()).get();
    expect(row!.client_secret_enc).toMatch(/^v1\.k-sso\./);
    expect(SecretBox.parse(newKey).decrypt(row!.client_secret_enc!)).toBe(p.clientSecret);
    // The suite's app no longer holds that key: keeping the secret is refused until it is entered again.
    const { clientSecret: _again, ...keep } = settings();
    const unreadable = await admin.put('/api/admin/sso', keep);
    expect(unreadable.statusCode).toBe(409);
    expect(unreadable.json()).toMatchObject({ code: 'SSO_SECRET_UNREADABLE', details: { path: '/clientSecret' } });
    await configure(); // entered again, under the suite's key
  });

  it('tests discovery against the provider', async () => {
    await configure();
    const ok = await admin.post('/api/admin/sso/test', {});
    expect(ok.json()).toMatchObject({ ok: true, issuer: p.issuer });
    const down = await admin.post('/api/admin/sso/test', { issuer: 'http://127.0.0.1:9/nowhere' });
    expect(down.json()).toMatchObject({ ok: false });
  });

  it('turns password login off (403 PASSWORD_LOGIN_DISABLED) unless LEDGERFLOW_PASSWORD_LOGIN=force', async () => {
    const username = `pw-${randomUUID().slice(0, 6)}`;
    await h.login(['viewer'], { username });
    await configure({ passwordLogin: false });
    const pub = await h.app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(pub.json()).toEqual({ enabled: true, buttonLabel: 'Test IdP', passwordLogin: false });
    const body = { username, password: 'correct horse battery staple' };
    const refused = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: body });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'PASSWORD_LOGIN_DISABLED' });

    const breakGlass = await createHarness({ env: { ...env(), LEDGERFLOW_PASSWORD_LOGIN: 'force' } });
    try {
      const forced = await breakGlass.app.inject({ method: 'POST', url: '/api/auth/login', payload: body });
      expect(forced.statusCode, forced.body).toBe(200);
    } finally {
      await breakGlass.close();
    }
    await configure({ passwordLogin: true });
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: body })).statusCode).toBe(200);
  });
});
