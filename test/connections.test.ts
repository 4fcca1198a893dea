import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let integrator: Agent;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  h = await createHarness();
  integrator = await h.login(['integrator']);
  // A stand-in S/4HANA that checks basic auth and serves $metadata, like the real gateway.
  server = http.createServer((req, res) => {
    const ok = req.headers.authorization === `Basic ${Buffer.from('LF_USER:s3cret-pw').toString('base64')}`;
    if (!ok) return void res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
    res.writeHead(200, { 'content-type': 'application/xml' }).end('<edmx:Edmx Version="1.0"></edmx:Edmx>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await h?.close();
});

describe('connections', () => {
  it('stores secrets encrypted, never returns them, and tests the connection in the worker', async () => {
    const name = `sap-prod-${Date.now()}`;
    const created = await integrator.post('/api/connections', {
      name,
      connectorId: 'sap',
      config: { baseUrl, auth: { type: 'basic', user: 'LF_USER' } },
      secrets: { password: 's3cret-pw' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c.secretNames).toEqual(['password']);
    expect(created.body).not.toContain('s3cret-pw');
    const [row] = await h.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ secrets_enc: string }>>('select secrets_enc from connections where id = ?', [c.id]);
    expect(row!.secrets_enc).toMatch(/^v1\./);
    expect(row!.secrets_enc).not.toContain('s3cret');
    expect((await integrator.get('/api/connections')).body).not.toContain('s3cret-pw');
    // The list filtered by name, and its export with the same filter: the secret's name, never its value.
    const listed = (await integrator.get(`/api/connections?q=${name.toUpperCase()}`)).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const csv = await integrator.get(`/api/connections/export?format=csv&q=${name}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="connections-[\d-]+\.csv"$/);
    expect(csv.body.split('\r\n').slice(0, -1)).toEqual([
      '\uFEFFname,connector,secretsSet,createdAt,updatedAt',
      expect.stringMatching(new RegExp(`^${name},sap,password,\\d{4}-`)),
    ]);
    expect(csv.body).not.toContain('s3cret-pw');

    expect((await integrator.post(`/api/connections/${c.id}/test`)).json()).toMatchObject({
      ok: true,
      message: 'API_CREDIT_MEMO_REQUEST_SRV metadata read',
    });

    // A wrong password: a clear, non-leaking failure naming the connector.
    const upd = await integrator.put(`/api/connections/${c.id}`, { secrets: { password: 'wrong' } });
    expect(upd.statusCode).toBe(200);
    const failed = (await integrator.post(`/api/connections/${c.id}/test`)).json();
    expect(failed).toMatchObject({ ok: false, code: 'CONNECTOR_AUTH_FAILED' });
    expect(failed.message).toMatch(/^sap\.testConnection: SAP rejected/);
  });

  it('refuses bad config with every problem path, unknown connectors, and non-integrators', async () => {
    const bad = await integrator.post('/api/connections', {
      name: `bad-${Date.now()}`,
      connectorId: 'sap',
      config: { baseUrl: 'ftp://x' },
      secrets: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CONNECTION_INVALID');
    const paths = bad.json().details.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/config/baseUrl', '/config/auth']));
    expect((await integrator.post('/api/connections', { name: 'x', connectorId: 'nope' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    const approver = await h.login(['approver']);
    expect(
      (await approver.post('/api/connections', { name: 'y', connectorId: 'sap', config: {}, secrets: {} })).statusCode,
    ).toBe(403);
  });

  it('rotates secrets to the newest key (admin only)', async () => {
    const admin = await h.login(['admin']);
    const r = (await admin.post('/api/connections/rotate-keys')).json();
    expect(r.keyId).toBe('test');
    expect(r.rotated).toBe(0);
    expect((await integrator.post('/api/connections/rotate-keys')).statusCode).toBe(403);
  });
});
