// Attack and bad input: every input that once gave a 500 now gets a 4xx {code, message, details} naming where,
// and the OpenAPI document says what the API enforces (public routes, 405, event stream, no body coercion).
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { createUser } from '@ledgerflow/api';
import { errorsPlugin } from '../packages/api/src/plugins/errors.plugin.ts';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

const spine = JSON.parse(readFileSync(new URL('../docs/examples/spine.flow.json', import.meta.url), 'utf8'));

let h: Harness;
let admin: Agent;
let flowId: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.login(['admin']);
  const created = await admin.post('/api/flows', { definition: { ...spine, name: `bad input ${randomUUID()}` } });
  flowId = created.json().id;
  expect((await admin.post(`/api/flows/${flowId}/publish`, { comment: 'v1' })).statusCode).toBe(201);
});
afterAll(async () => h?.close());

/** The one error shape, with the problem's path under details.problems. */
function expectProblem(res: LightMyRequestResponse, status: number, code: string, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body).toMatchObject({ code, message: expect.any(String) });
  expect(body.details).toBeDefined();
  if (path) expect(body.details.problems.map((p: { path: string }) => p.path)).toContain(path);
  return body;
}

/** {"a":{"a":...}} nested `depth` levels, built as text: JSON.stringify would recurse as deep. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('a NUL character is refused with the field path, wherever it comes', () => {
  it('in the login body', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ad\u0000min', password: 'x' },
    });
    expectProblem(res, 400, 'INVALID_STRING', 'body/username');
  });
  it('in a key deep inside a flow draft', async () => {
    const res = await admin.put(`/api/flows/${flowId}/draft`, { definition: { ...spine, meta: { 'no\u0000te': 1 } } });
    expectProblem(res, 400, 'INVALID_STRING', 'body/definition/meta/no\u0000te');
  });
  it('in a connection name', async () => {
    expectProblem(
      await admin.post('/api/connections', { name: 'x\u0000', connectorId: 'builtin' }),
      400,
      'INVALID_STRING',
      'body/name',
    );
  });
  it('in an event', async () => {
    expectProblem(
      await admin.post('/api/events', { event: 'invoice.paid', businessKey: 'K\u0000' }),
      400,
      'INVALID_STRING',
      'body/businessKey',
    );
  });
  it('nor half of a surrogate pair, which no UTF-8 text can hold', async () => {
    const res = await admin.req({
      method: 'PUT',
      url: `/api/flows/${flowId}/draft`,
      headers: { 'content-type': 'application/json' },
      payload: `{"definition":{"name":"x","note":"a\\ud800b"}}`,
    });
    expectProblem(res, 400, 'INVALID_STRING', 'body/definition/note');
    // A whole pair (an emoji) is ordinary text.
    const ok = await admin.put(`/api/flows/${flowId}/draft`, {
      definition: { ...spine, description: 'paid \u{1F4B6}' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
  it('in a querystring', async () => {
    expectProblem(await admin.get('/api/runs?businessKey=%00'), 400, 'INVALID_STRING', 'querystring/businessKey');
    expectProblem(await admin.get('/api/outbox?channel=a%00'), 400, 'INVALID_STRING', 'querystring/channel');
  });
});

describe('date-times', () => {
  it('refuses an offset Postgres refuses, and takes real ones', async () => {
    expectProblem(
      await admin.get(`/api/runs?from=${encodeURIComponent('2024-01-01T00:00:00+19:50')}`),
      400,
      'VALIDATION_FAILED',
      'querystring/from',
    );
    expectProblem(
      await admin.get(`/api/flows/${flowId}/breakdown?groupBy=x&to=${encodeURIComponent('2024-01-01T00:00:00-18:29')}`),
      400,
      'VALIDATION_FAILED',
      'querystring/to',
    );
    expectProblem(await admin.get('/api/runs?from=0000-01-01T00:00:00Z'), 400, 'VALIDATION_FAILED', 'querystring/from');
    for (const ok of [
      '2024-01-01T00:00:00+14:00',
      '2024-02-29T23:59:59.123-12:00',
      '2024-01-01T00:00:00+05:30',
      '2024-01-01T00:00:00Z',
    ]) {
      const res = await admin.get(`/api/runs?from=${encodeURIComponent(ok)}`);
      expect(res.statusCode, `${ok}: ${res.body}`).toBe(200);
    }
  });
});

describe('numbers beyond what Postgres stores', () => {
  it('are refused by the schema with the parameter named, before any query', async () => {
    expectProblem(
      await admin.get('/api/runs?offset=84370097571489243918799810850717696'),
      400,
      'VALIDATION_FAILED',
      'querystring/offset',
    );
    expectProblem(await admin.get('/api/runs?version=99999999999'), 400, 'VALIDATION_FAILED', 'querystring/version');
    expectProblem(
      await admin.get(`/api/flows/${flowId}/versions/99999999999`),
      400,
      'VALIDATION_FAILED',
      'params/version',
    );
    expectProblem(
      await admin.post('/api/tasks/reconcile', { minAgeSeconds: 1094112964752 }),
      400,
      'VALIDATION_FAILED',
      'body/minAgeSeconds',
    );
  });
});

describe('state conflicts are 409s', () => {
  it('syncing the feed of a flow that has none', async () => {
    const res = await admin.post(`/api/flows/${flowId}/feed/sync`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'NOT_A_FEED_FLOW', details: { flowId } });
  });
  it('renaming a connection to a name already taken', async () => {
    const a = `conn-a-${randomUUID()}`;
    await admin.post('/api/connections', { name: a, connectorId: 'builtin' });
    const b = (await admin.post('/api/connections', { name: `conn-b-${randomUUID()}`, connectorId: 'builtin' })).json();
    const res = await admin.put(`/api/connections/${b.id}`, { name: a });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONNECTION_NAME_TAKEN', details: { path: '/name' } });
  });
});

describe('malformed bodies', () => {
  it('a multipart upload with no boundary', async () => {
    const res = await admin.req({
      method: 'POST',
      url: `/api/tasks/${randomUUID()}/attachments`,
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'whatever',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ATTACHMENT_INVALID', details: { part: 'body' } });
  });
  it('a webhook post with no body', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/api/hooks/${flowId}` });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
  it('JSON nested thousands deep in a flow draft or a run input, refused before any schema, jsonata or Postgres', async () => {
    const draft = await admin.req({
      method: 'PUT',
      url: `/api/flows/${flowId}/draft`,
      headers: { 'content-type': 'application/json' },
      payload: `{"definition":${nested(5000)}}`,
    });
    const body = expectProblem(draft, 400, 'JSON_TOO_DEEP');
    expect(body.details.problems[0].path).toBe(`body/definition${'/a'.repeat(63)}`);
    const run = await admin.req({
      method: 'POST',
      url: '/api/runs',
      headers: { 'content-type': 'application/json' },
      payload: `{"flowId":"${flowId}","businessKey":"deep","input":${nested(10_000)}}`,
    });
    expectProblem(run, 400, 'JSON_TOO_DEEP');
    // 60 levels is fine: the limit refuses only what no flow needs.
    const ok = await admin.req({
      method: 'POST',
      url: '/api/flows/validate',
      headers: { 'content-type': 'application/json' },
      payload: `{"definition":{"x":${nested(60)}}}`,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
  it('a URL the router refuses (too long a parameter, a broken %-escape) in the same shape', async () => {
    const long = await admin.get(`/api/customers/${'x'.repeat(2100)}`);
    expect(long.statusCode, long.body).toBe(400);
    expect(long.json()).toMatchObject({ code: 'BAD_REQUEST', details: { part: 'params' } });
    const schemaLong = await admin.get(`/api/customers/${'x'.repeat(201)}`);
    expectProblem(schemaLong, 400, 'VALIDATION_FAILED', 'params/customer');
    const broken = await admin.get('/api/customers/%E0%A4%A');
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'BAD_REQUEST', details: { part: 'url' } });
  });
  it('a body field of the wrong type is refused, not coerced: eventId false', async () => {
    expectProblem(
      await admin.post('/api/events', { event: 'invoice.paid', businessKey: 'K-1', eventId: false }),
      400,
      'VALIDATION_FAILED',
      'body/eventId',
    );
    expectProblem(
      await admin.post(`/api/flows/${flowId}/migrate`, { toVersion: '1' }),
      400,
      'VALIDATION_FAILED',
      'body/toVersion',
    );
    // The querystring is text on the wire: its numbers and booleans are still read as such.
    expect((await admin.get(`/api/flows/${flowId}/breakdown?groupBy=x&includeTests=true`)).statusCode).toBe(200);
    expect((await admin.get('/api/runs?limit=5&offset=0')).json().items.length).toBeLessThanOrEqual(5);
  });
});

describe('methods', () => {
  it('an undeclared method on a known path is 405 with Allow; an unknown path stays 404', async () => {
    const res = await admin.req({ method: 'DELETE', url: '/api/flows' });
    expect(res.statusCode, res.body).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.json()).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      details: { method: 'DELETE', allow: ['GET', 'HEAD', 'POST'] },
    });
    const param = await h.app.inject({ method: 'PATCH', url: `/api/connections/${randomUUID()}?x=1` });
    expect(param.statusCode).toBe(405);
    expect(param.headers.allow).toBe('DELETE, PUT');
    // A static path wins over a parameter route that would also match it, as in the router.
    const rotate = await admin.req({ method: 'PUT', url: '/api/connections/rotate-keys' });
    expect(rotate.statusCode, rotate.body).toBe(405);
    expect(rotate.headers.allow).toBe('POST');
    const validate = await admin.req({ method: 'OPTIONS', url: '/api/flows/validate' });
    expect(validate.statusCode, validate.body).toBe(405);
    expect(validate.headers.allow).toBe('POST');
    expect((await admin.get(`/api/flows/${flowId}`)).statusCode).toBe(200);
    const unknown = await admin.req({ method: 'DELETE', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the Postgres safety net', () => {
  it('maps what Postgres refuses because of the input to a 4xx that names no table, constraint or SQL', async () => {
    // Real refusals from the real database, thrown by a route that exists only in this test: the API's own
    // routes no longer let such values through.
    const conn = h.orm.em.fork().getConnection();
    const refusal = (sql: string, params: unknown[]) =>
      conn.execute(sql, params).then(
        () => expect.unreachable(sql),
        (err: unknown) => err,
      );
    const badOffset = await refusal('select ?::timestamptz as t', ['2024-01-01T00:00:00+19:50']);
    const user = {
      username: `dup-${randomUUID()}`,
      password: 'correct horse battery staple',
      roles: ['viewer' as const],
    };
    await createUser(h.orm, user);
    const duplicate = await createUser(h.orm, user).then(
      () => expect.unreachable('a second user of that name'),
      (err: unknown) => err,
    );
    const app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    app.get('/offset', async () => {
      throw badOffset;
    });
    app.get('/duplicate', async () => {
      throw duplicate;
    });
    const a = await app.inject({ method: 'GET', url: '/offset' });
    expect(a.statusCode).toBe(400);
    expect(a.json()).toEqual({
      code: 'INVALID_VALUE',
      message: expect.any(String),
      details: { sqlState: expect.stringMatching(/^22/) },
    });
    const b = await app.inject({ method: 'GET', url: '/duplicate' });
    expect(b.statusCode).toBe(409);
    expect(b.json()).toEqual({ code: 'ALREADY_EXISTS', message: expect.any(String), details: { sqlState: '23505' } });
    for (const res of [a, b]) expect(res.body).not.toMatch(/timestamptz|select|insert|users|_key/i);
    await app.close();
  });
});

describe('the OpenAPI document', () => {
  it('declares no security on public routes, the session on reads, the event stream, and strict date-times', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.security).toEqual([{ session: [], csrf: [] }]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/hooks/{id}'].post.security).toEqual([]);
    expect(doc.paths['/api/hooks/{id}/events'].post.security).toEqual([]);
    expect(doc.paths['/api/flows'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/flows'].post.security).toBeUndefined();
    expect(Object.keys(doc.paths['/api/tasks/stream'].get.responses['200'].content)).toEqual(['text/event-stream']);
    const from = doc.paths['/api/runs'].get.parameters.find((p: { name: string }) => p.name === 'from');
    expect(from.schema).toMatchObject({ format: 'date-time', pattern: expect.stringContaining('14:00') });
  });
});
