// Issue #10, security: who reads which run, login throttling, signed webhooks that cannot be replayed,
// browser protection headers and the session cookie's flags, on the real API, Postgres and Temporal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@ledgerflow/api';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { hookHeaders } from './helpers/webhook-sign.ts';
import { approvalFlow, publish } from './tasks-flow.ts';

let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
});
afterAll(async () => h?.close());

type RunList = { items: Array<{ runId: string; startedBy: string | null }>; total: number };

describe('run visibility follows the task rule', () => {
  it('shows a run to supervisors, its starter and whoever holds one of its tasks, and to nobody else', async () => {
    const group = `sec-${randomUUID().slice(0, 6)}`;
    // Publishing refuses a group nobody is in: its member exists first.
    const holder = await h.login(['approver'], { groups: [group] });
    const flowId = await publish(owner, approvalFlow({ group, fourEyes: false }));
    const starter = await h.login(['collector']);
    const stranger = await h.login(['approver'], { groups: ['someone-else'] });
    const manager = await h.login(['manager']);
    const input = (key: string) => ({
      creditNote: key,
      amount: { amount: '18250.00', currency: 'EUR' },
      customer: 'ACME SA',
    });
    const mineKey = `SEC-${randomUUID().slice(0, 6)}`;
    const started = await starter.post('/api/runs', { flowId, businessKey: mineKey, input: input(mineKey) });
    expect(started.statusCode, started.body).toBe(201);
    const mine = started.json().runId as string;
    const theirsKey = `SEC-${randomUUID().slice(0, 6)}`;
    const theirs = (await owner.post('/api/runs', { flowId, businessKey: theirsKey, input: input(theirsKey) })).json()
      .runId as string;
    await eventually(
      async () =>
        ((await owner.get(`/api/tasks?view=all&flowId=${flowId}`)).json() as { items: unknown[] }).items.length === 2,
    );
    const listed = async (a: Agent) => (await a.get(`/api/runs?flowId=${flowId}`)).json() as RunList;

    for (const supervisor of [owner, manager]) {
      expect((await listed(supervisor)).total).toBe(2);
      expect((await supervisor.get(`/api/runs/${mine}`)).statusCode).toBe(200);
    }
    const starterList = await listed(starter);
    expect(starterList.items.map((r) => r.runId)).toEqual([mine]);
    expect(starterList.items[0]!.startedBy).toBe(starter.userId);
    expect((await starter.get(`/api/runs/${mine}`)).statusCode).toBe(200);
    expect((await starter.get(`/api/runs/${theirs}`)).statusCode).toBe(403);
    expect((await listed(holder)).items.map((r) => r.runId).sort()).toEqual([mine, theirs].sort());
    expect((await holder.get(`/api/runs/${theirs}`)).json().run.variables.customer).toBe('ACME SA');

    expect(await listed(stranger)).toEqual({ items: [], total: 0 });
    const refused = await stranger.get(`/api/runs/${mine}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'RUN_NOT_VISIBLE', runId: mine } });
    expect(refused.body).not.toContain('ACME');
    expect((await stranger.post(`/api/runs/${mine}/cancel`)).statusCode).toBe(403);
    expect((await stranger.post(`/api/runs/${mine}/events`, { event: 'document.received' })).statusCode).toBe(403);
    expect(
      (await stranger.post('/api/events', { businessKey: mineKey, flowId, event: 'document.received' })).statusCode,
    ).toBe(404);

    // Totals and case lists span every run of the flow (customers, amounts): supervisors only.
    const overviews = [
      `/api/flows/${flowId}/breakdown?groupBy=customer&sum=amount`,
      `/api/flows/${flowId}/cases`,
      `/api/flows/${flowId}/receivables`,
    ];
    for (const url of overviews) {
      for (const a of [starter, holder, stranger]) {
        const r = await a.get(url);
        expect(r.statusCode, `${url} as ${a.username}`).toBe(403);
        expect(r.body).not.toContain('ACME');
      }
    }
    const totals = await manager.get(overviews[0]!);
    expect(totals.statusCode, totals.body).toBe(200);
    expect(totals.body).toContain('ACME SA');
  });
});

describe('login throttling', () => {
  const login = (username: string, password: string, ip: string) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username, password } });

  it('throttles wrong passwords for an account from one address, while the real user logs in from another', async () => {
    const username = `victim-${randomUUID().slice(0, 6)}`;
    await createUser(h.orm, { username, password: 'the right one', roles: ['approver'] });
    for (let i = 0; i < 5; i++) expect((await login(username, `guess ${i}`, '203.0.113.7')).statusCode).toBe(401);
    const throttled = await login(username, 'guess 6', '203.0.113.7');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'account' } });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password: the attacker's address learns nothing more for this account.
    expect((await login(username, 'the right one', '203.0.113.7')).statusCode).toBe(429);
    expect((await login(username, 'the right one', '198.51.100.20')).statusCode).toBe(200);
  });

  it('throttles an address that tries many accounts, and no other address', async () => {
    const username = `bystander-${randomUUID().slice(0, 6)}`;
    await createUser(h.orm, { username, password: 'the right one', roles: ['approver'] });
    for (let i = 0; i < 20; i++)
      expect((await login(`nobody-${i}-${randomUUID().slice(0, 4)}`, 'x', '203.0.113.99')).statusCode).toBe(401);
    const throttled = await login(username, 'the right one', '203.0.113.99');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'address' } });
    expect((await login(username, 'the right one', '198.51.100.21')).statusCode).toBe(200);
  });
});

describe('signed webhooks cannot be replayed', () => {
  it('refuses a replayed delivery, an old timestamp, a bare signature, a re-labelled delivery and a missing body', async () => {
    const flowId = await publish(owner, {
      schemaVersion: 1,
      name: `replay hook ${Date.now()}`,
      variables: [],
      nodes: [
        { id: 'hook', kind: 'trigger.webhook', config: { businessKey: 'payload.dispute.id' } },
        { id: 'end', kind: 'end', config: { status: 'received' } },
      ],
      edges: [{ id: 'a', source: 'hook', target: 'end' }],
    });
    const { secret, url, signatureHeader } = (await owner.post(`/api/flows/${flowId}/webhook/rotate`)).json() as {
      secret: string;
      url: string;
      signatureHeader: string;
    };
    expect(signatureHeader).toContain('x-ledgerflow-timestamp');
    const body = JSON.stringify({ dispute: { id: 'D-77' } });
    const send = (headers: Record<string, string>, payload: string | undefined = body) =>
      h.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

    const headers = hookHeaders(secret, body);
    expect((await send(headers)).statusCode).toBe(202);
    for (let i = 0; i < 2; i++) {
      const replay = await send(headers);
      expect(replay.statusCode).toBe(409);
      expect(replay.json()).toMatchObject({ code: 'WEBHOOK_REPLAYED', details: { header: 'x-ledgerflow-delivery' } });
    }
    // The delivery id is signed: a captured request with a fresh id is a wrong signature.
    expect((await send({ ...headers, 'x-ledgerflow-delivery': randomUUID() })).json()).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
    });
    const old = await send(hookHeaders(secret, body, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('WEBHOOK_TIMESTAMP_EXPIRED');
    const fresh = hookHeaders(secret, body);
    const bare = await send({
      ...fresh,
      'x-ledgerflow-signature': fresh['x-ledgerflow-signature']!.replace('sha256=', ''),
    });
    expect(bare.statusCode).toBe(401);
    expect(bare.json()).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      details: { header: 'x-ledgerflow-signature' },
    });
    for (const target of [url, `${url}/events`]) {
      const empty = await h.app.inject({ method: 'POST', url: target });
      expect(empty.statusCode, empty.body).toBe(400);
      expect(empty.json()).toMatchObject({
        code: 'BODY_REQUIRED',
        message: expect.any(String),
        details: { problems: [{ path: '/' }] },
      });
    }
    const runs = (await owner.get(`/api/runs?flowId=${flowId}`)).json() as RunList;
    expect(runs.total).toBe(1);
  });
});

describe('browser protections', () => {
  it('sends CSP with frame-ancestors none, X-Frame-Options, nosniff, HSTS and Referrer-Policy on pages, API and errors', async () => {
    for (const res of [
      await h.app.inject({ method: 'GET', url: '/api/health' }),
      await h.app.inject({ method: 'GET', url: '/api/runs' }),
      await h.app.inject({ method: 'GET', url: '/inbox' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('marks the session cookie Secure unless the server is reached over plain HTTP at localhost', async () => {
    const username = `cookie-${randomUUID().slice(0, 6)}`;
    await createUser(h.orm, { username, password: 'the right one', roles: ['approver'] });
    const cookieAt = async (host: string) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host },
        payload: { username, password: 'the right one' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.cookies.find((c) => c.name === 'lf_session')!;
    };
    const local = await cookieAt('localhost:3000');
    expect(local).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(local.secure).toBeFalsy();
    const remote = await cookieAt('ledgerflow.example.com');
    expect(remote).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
  });
});
