// The designer's gallery templates publish as they are against the live connector catalog.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

const dir = path.resolve(import.meta.dirname, '..', 'designer', 'src', 'templates');
const templates = readdirSync(dir).filter((f) => f.endsWith('.json'));
let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
  // Publishing checks that a template's groups are held by someone: the dispute template routes to these teams.
  await h.login(['approver'], { groups: ['sales', 'billing', 'finance-manager'] });
  // Publishing refuses an action without a usable connection: the connections the templates name are set up first, as
  // an integrator would before importing them (the files share one database, so a name may already exist).
  const integrator = await h.login(['integrator']);
  for (const c of GALLERY_CONNECTIONS) {
    const res = await integrator.post('/api/connections', c);
    expect([201, 409], res.body).toContain(res.statusCode);
  }
});

const GALLERY_CONNECTIONS = [
  {
    name: 'local-mail',
    connectorId: 'email',
    config: { host: '127.0.0.1', port: 2525, secure: false, ignoreTLS: true, from: 'ar@ledgerflow.test' },
    secrets: {},
  },
  {
    name: 'netsuite',
    connectorId: 'netsuite',
    config: {
      accountId: 'TSTDRV1',
      baseUrl: 'http://127.0.0.1:9',
      auth: { type: 'tba', consumerKey: 'ck', tokenId: 'tid' },
    },
    secrets: { consumerSecret: 'cs', tokenSecret: 'ts' },
  },
  {
    name: 's4hana',
    connectorId: 'sap',
    config: { baseUrl: 'http://127.0.0.1:9', auth: { type: 'basic', user: 'LF' } },
    secrets: { password: 'pw' },
  },
];
afterAll(async () => h?.close());

describe('template gallery', () => {
  it.each(templates)('%s publishes without a problem', async (file) => {
    const definition = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const id = (await owner.post('/api/flows', { definition })).json().id;
    const res = await owner.post(`/api/flows/${id}/publish`, { comment: 'from the gallery' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses the dunning sender without a usable mail connection, naming it by its label', async () => {
    const definition = JSON.parse(readFileSync(path.join(dir, 'dunning-ledger-sap.json'), 'utf8'));
    const send = definition.nodes.find((n: { kind: string }) => n.kind === 'dunning.send');
    send.config.connectionId = 'no-such-mail';
    const id = (await owner.post('/api/flows', { definition })).json().id;
    const res = await owner.post(`/api/flows/${id}/publish`, { comment: 'from the gallery' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain(`${send.label}: connection 'no-such-mail' is not a email`);
  });
});
