import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

const sample = JSON.parse(readFileSync(new URL('../docs/examples/spine.flow.json', import.meta.url), 'utf8'));

describe('walking skeleton: publish, run and read back a flow on real Postgres and Temporal', () => {
  let h: Harness;
  let owner: Agent;
  beforeAll(async () => {
    h = await createHarness();
    owner = await h.login(['process_owner']);
  });
  afterAll(async () => h?.close());

  async function publishSample(): Promise<string> {
    const created = await owner.post('/api/flows', { definition: sample });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const pub = await owner.post(`/api/flows/${id}/publish`, { comment: 'first version' });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json()).toMatchObject({ version: 1, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    return id;
  }

  it('runs the sample flow to its end and records the decision trace and action result', async () => {
    const flowId = await publishSample();
    const start = await owner.post('/api/runs', {
      flowId,
      businessKey: 'CN-1001',
      input: { creditNote: 'CN-1001', amount: { amount: '15000.01', currency: 'EUR' } },
    });
    expect(start.statusCode, start.body).toBe(201);
    const { runId } = start.json() as { runId: string };
    const detail = await eventually(
      async () => {
        const r = await owner.get(`/api/runs/${runId}`);
        const body = r.json();
        return body.run.status === 'completed' ? body : null;
      },
      30_000,
      100,
      async () => (await owner.get(`/api/runs/${runId}`)).json(),
    );
    expect(detail.run.outcome).toBe('escalated');
    expect(detail.run.version).toBe(1);
    const types = detail.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.completed');
    const decision = detail.events.find((e: { type: string }) => e.type === 'decision');
    expect(decision.nodeId).toBe('threshold');
    expect(decision.data.outcome).toBe('needsApproval');
    expect(JSON.stringify(decision.data.trace)).toContain('15000.01');
    const action = detail.events.find((e: { type: string }) => e.type === 'action.result');
    expect(action.nodeId).toBe('logApproval');
    expect(action.data.output.message).toBe('Credit note CN-1001 needs a manager: 15000.01 EUR');
    // seq is gap-free and unique: no event written twice
    expect(detail.events.map((e: { seq: number }) => e.seq)).toEqual(
      detail.events.map((_: unknown, i: number) => i + 1),
    );
    expect(detail.run.temporalUrl).toContain(`run-${runId}`);
  });

  it('takes the other branch at exactly 15 000 EUR (exact decimal comparison)', async () => {
    const flowId = await publishSample();
    const { runId } = (
      await owner.post('/api/runs', {
        flowId,
        businessKey: 'CN-1002',
        input: { creditNote: 'CN-1002', amount: { amount: '15000.00', currency: 'EUR' } },
      })
    ).json();
    const run = await eventually(async () => {
      const r = (await owner.get(`/api/runs/${runId}`)).json();
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(run.outcome).toBe('approved');
    const list = (await owner.get(`/api/runs?flowId=${flowId}&status=completed`)).json();
    expect(list.items.map((r: { runId: string }) => r.runId)).toContain(runId);
  });

  it('refuses to publish a malformed flow, listing every problem with its JSON path', async () => {
    const broken = structuredClone(sample);
    broken.edges.push({ id: 'bad', source: 'threshold', target: 'nowhere', sourceHandle: 'needsApproval' });
    broken.nodes[1].config.outcomes[0].when.all[0].fact = 'undefinedVariable';
    const created = (await owner.post('/api/flows', { definition: broken })).json();
    const res = await owner.post(`/api/flows/${created.id}/publish`, { comment: 'broken' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('FLOW_INVALID');
    const paths = body.details.problems.map((p: { path: string }) => p.path);
    expect(paths.some((p: string) => p.startsWith('/edges/5'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('/nodes/1/config/outcomes/0/when'))).toBe(true);
    const flow = (await owner.get(`/api/flows/${created.id}`)).json();
    expect(flow.versions).toEqual([]);
  });

  it('refuses a run whose input misses a required variable', async () => {
    const flowId = await publishSample();
    const res = await owner.post('/api/runs', {
      flowId,
      businessKey: 'CN-x',
      input: { amount: { amount: '1', currency: 'EUR' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INPUT_INVALID', details: { problems: [{ path: '/input/creditNote' }] } });
    // Money travels as a decimal string: a JSON number is refused, whatever its digits.
    const float = await owner.post('/api/runs', {
      flowId,
      businessKey: 'CN-y',
      input: { creditNote: 'CN-y', amount: { amount: 15000.01, currency: 'EUR' } },
    });
    expect(float.statusCode).toBe(400);
    expect(float.json()).toMatchObject({
      code: 'INPUT_INVALID',
      details: { problems: [{ path: '/input/amount', code: 'TYPE' }] },
    });
  });
});

describe('API basics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h?.close());

  it('answers health without a session, with Postgres and Temporal status', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', postgres: { ok: true }, temporal: { ok: true } });
  });

  it('serves the OpenAPI document with the error schema', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/flows', '/api/runs', '/api/health', '/api/auth/login']),
    );
    expect(JSON.stringify(doc.paths['/api/flows/{id}/publish'])).toContain('ErrorResponse');
    const ui = await h.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('answers unknown routes with 404 in the error format', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/nope' });
  });

  it('rejects wrong credentials with 401 without saying which part was wrong', async () => {
    const a = await h.login(['viewer'], { username: `known-${Date.now()}` });
    const wrongPw = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: a.username, password: 'nope' },
    });
    const wrongUser = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'nope' },
    });
    expect(wrongPw.statusCode).toBe(401);
    expect(wrongUser.statusCode).toBe(401);
    expect(wrongPw.json()).toEqual(wrongUser.json());
    expect(wrongPw.cookies).toHaveLength(0);
  });

  it('needs a session everywhere but health and login, and a CSRF token on changes', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/flows' })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/flows' })).json().code).toBe('UNAUTHENTICATED');
    const owner = await h.login(['process_owner']);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/flows',
      headers: { cookie: owner.cookie },
      payload: { definition: sample },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().details).toEqual({ reason: 'CSRF' });
    const me = (await owner.get('/api/auth/me')).json();
    expect(me.user.username).toBe(owner.username);
    expect(JSON.stringify(me)).not.toContain('password');
    await owner.post('/api/auth/logout');
    expect((await owner.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('enforces roles on the server', async () => {
    const viewer = await h.login(['viewer']);
    const res = await viewer.post('/api/flows', { definition: sample });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await viewer.get('/api/flows')).statusCode).toBe(200);
  });
});
