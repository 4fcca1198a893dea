// Issue #13: comparing two published versions through the API, refusing a publication that changes nothing,
// and naming who published each version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let owner: Agent;
let approver: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
  approver = await h.login(['approver']);
  await h.orm.em
    .fork()
    .getConnection()
    .execute(`update users set display_name = 'Claire Martin' where id = ?`, [owner.userId]);
});
afterAll(async () => h?.close());

const def = (status: string, extra: Array<Record<string, unknown>> = []) => ({
  schemaVersion: 1,
  name: 'diffed',
  settings: { timezone: 'Europe/Paris', calendar: 'FR' },
  variables: [],
  nodes: [
    { id: 't', kind: 'trigger.manual', config: {} },
    { id: 'docs', kind: 'waitForEvent', label: 'Documents', config: { event: 'document.received' } },
    { id: 'end', kind: 'end', config: { status } },
    ...extra,
  ],
  edges: [
    { id: 'a', source: 't', target: 'docs' },
    { id: 'b', source: 'docs', target: 'end' },
  ],
});

async function flowWithTwoVersions(): Promise<string> {
  const id = (await owner.post('/api/flows', { definition: def('approved') })).json().id as string;
  expect((await owner.post(`/api/flows/${id}/publish`, { comment: 'v1' })).statusCode).toBe(201);
  const v2 = def('validated', [{ id: 'note', kind: 'waitForEvent', config: { event: 'note.received' } }]);
  v2.edges = [v2.edges[0]!, { id: 'c', source: 'docs', target: 'note' }, { id: 'd', source: 'note', target: 'end' }];
  v2.nodes = v2.nodes.filter((n) => n.id !== 't');
  v2.nodes.unshift({ id: 't', kind: 'trigger.schedule', config: { cron: '0 7 * * 1-5' } });
  v2.settings.timezone = 'Europe/Berlin';
  const pub = await owner.post(`/api/flows/${id}/publish`, { comment: 'v2', definition: v2 });
  expect(pub.statusCode, pub.body).toBe(201);
  return id;
}

describe('version diff', () => {
  it('answers the nodes added, removed and changed between two versions, field by field', async () => {
    const id = await flowWithTwoVersions();
    const res = await approver.get(`/api/flows/${id}/versions/1/diff/2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.from).toMatchObject({ version: 1, comment: 'v1' });
    expect(body.to).toMatchObject({ version: 2, comment: 'v2' });
    expect(body.diff.nodesAdded).toEqual([{ id: 'note', kind: 'waitForEvent' }]);
    expect(body.diff.edgesAdded).toEqual([
      { source: 'docs', target: 'note', sourceHandle: 'next' },
      { source: 'note', target: 'end', sourceHandle: 'next' },
    ]);
    expect(body.diff.edgesRemoved).toEqual([{ source: 'docs', target: 'end', sourceHandle: 'next' }]);
    expect(body.diff.nodesRemoved).toEqual([]);
    expect(body.diff.nodesChanged).toEqual([
      {
        id: 't',
        kind: 'trigger.schedule',
        fields: [
          { path: '/kind', before: 'trigger.manual', after: 'trigger.schedule' },
          { path: '/config/cron', after: '0 7 * * 1-5' },
        ],
      },
      { id: 'end', kind: 'end', fields: [{ path: '/config/status', before: 'approved', after: 'validated' }] },
    ]);
    expect(body.diff.flowFields).toEqual([
      { path: '/settings/timezone', before: 'Europe/Paris', after: 'Europe/Berlin' },
    ]);
    expect(body.diff.triggersChanged).toEqual(['t']);
    expect(body.diff.unchanged).toBe(false);

    // The other way round, what was added is removed; a version against itself is unchanged.
    const back = (await approver.get(`/api/flows/${id}/versions/2/diff/1`)).json();
    expect(back.diff.nodesRemoved).toEqual([{ id: 'note', kind: 'waitForEvent' }]);
    expect((await approver.get(`/api/flows/${id}/versions/2/diff/2`)).json().diff.unchanged).toBe(true);
  });

  it('answers 404 naming the missing version, and 400 for a version that is no number', async () => {
    const id = await flowWithTwoVersions();
    const missing = await approver.get(`/api/flows/${id}/versions/1/diff/9`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.json().message).toContain(`${id}@9`);
    const bad = await approver.get(`/api/flows/${id}/versions/1/diff/latest`);
    expect(bad.statusCode).toBe(400);
  });

  it('refuses to publish a definition equal to an existing version, naming it', async () => {
    const id = await flowWithTwoVersions();
    // The draft is v2 (it was published with a definition): publishing it again changes nothing.
    const again = await owner.post(`/api/flows/${id}/publish`, { comment: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'FLOW_UNCHANGED', details: { flowId: id, version: 2 } });
    expect(again.json().message).toMatch(/version 2/);
    // Key order does not make a definition new: v1 sent with its keys reversed is still v1.
    const v1 = (await owner.get(`/api/flows/${id}/versions/1`)).json().definition as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(v1).reverse());
    const old = await owner.post(`/api/flows/${id}/publish`, { comment: 'v1 again', definition: reversed });
    expect(old.statusCode).toBe(409);
    expect(old.json().details).toMatchObject({ version: 1 });
    const flow = (await owner.get(`/api/flows/${id}`)).json();
    expect(flow).toMatchObject({ latestVersion: 2, activeVersion: 2 });
    expect(flow.versions).toHaveLength(2);
  });

  it('names who published each version', async () => {
    const id = await flowWithTwoVersions();
    const flow = (await approver.get(`/api/flows/${id}`)).json();
    expect(flow.versions.map((v: { publishedBy: unknown }) => v.publishedBy)).toEqual([
      { id: owner.userId, username: owner.username, displayName: 'Claire Martin' },
      { id: owner.userId, username: owner.username, displayName: 'Claire Martin' },
    ]);
    const v1 = (await approver.get(`/api/flows/${id}/versions/1`)).json();
    expect(v1.publishedBy).toEqual({ id: owner.userId, username: owner.username, displayName: 'Claire Martin' });
    expect(v1.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
