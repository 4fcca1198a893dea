import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
});
afterAll(async () => h?.close());

const def = (endStatus: string, waitId = 'docs') => ({
  schemaVersion: 1,
  name: 'versioned',
  variables: [],
  nodes: [
    { id: 't', kind: 'trigger.manual', config: {} },
    { id: waitId, kind: 'waitForEvent', config: { event: 'document.received' } },
    { id: 'end', kind: 'end', config: { status: endStatus } },
  ],
  edges: [
    { id: 'a', source: 't', target: waitId },
    { id: 'b', source: waitId, target: 'end' },
  ],
});

describe('versions and migration', () => {
  it('pins running cases to their version, and migrates parked ones on request with a report', async () => {
    const id = (await owner.post('/api/flows', { definition: def('v1') })).json().id;
    await owner.post(`/api/flows/${id}/publish`, { comment: 'v1' });
    const a = (await owner.post('/api/runs', { flowId: id, businessKey: 'A' })).json().runId;
    const b = (await owner.post('/api/runs', { flowId: id, businessKey: 'B' })).json().runId;
    await eventually(async () => (await owner.get(`/api/runs?flowId=${id}&status=waiting`)).json().total === 2);

    expect(
      (await owner.post(`/api/flows/${id}/publish`, { comment: 'v2', definition: def('v2') })).json().version,
    ).toBe(2);
    // Published but not migrated: A keeps its graph.
    await owner.post(`/api/runs/${a}/events`, { event: 'document.received' });
    await eventually(async () => (await owner.get(`/api/runs/${a}`)).json().run.outcome === 'v1');

    // v3 renames the waiting node: B cannot move there, and the report says why.
    await owner.post(`/api/flows/${id}/publish`, { comment: 'v3', definition: def('v3', 'documents') });
    const refused = (await owner.post(`/api/flows/${id}/migrate`, { toVersion: 3 })).json();
    expect(refused.migrated).toEqual([]);
    expect(refused.notMigrated).toEqual([expect.objectContaining({ runId: b, from: 1, code: 'NODE_MISSING' })]);

    const moved = (await owner.post(`/api/flows/${id}/migrate`, { toVersion: 2 })).json();
    expect(moved.migrated).toEqual([{ runId: b, from: 1 }]);
    await owner.post(`/api/runs/${b}/events`, { event: 'document.received' });
    const run = await eventually(async () => {
      const r = (await owner.get(`/api/runs/${b}`)).json();
      return r.run.status === 'completed' ? r : null;
    });
    expect(run.run).toMatchObject({ outcome: 'v2', version: 2 });
    expect(run.events.some((e: { type: string }) => e.type === 'run.migrated')).toBe(true);
  });

  it('keeps published versions immutable and lets an older one be re-activated', async () => {
    const id = (await owner.post('/api/flows', { definition: def('one') })).json().id;
    const v1 = (await owner.post(`/api/flows/${id}/publish`, { comment: 'first' })).json();
    await owner.post(`/api/flows/${id}/publish`, { comment: 'second', definition: def('two') });
    await expect(
      h.orm.em.fork().getConnection().execute(`update flow_versions set comment = 'x' where flow_id = ?`, [id]),
    ).rejects.toThrow(/immutable/);
    expect((await owner.post(`/api/flows/${id}/versions/1/activate`)).json()).toEqual({ activeVersion: 1 });
    const started = (await owner.post('/api/runs', { flowId: id, businessKey: 'K' })).json();
    expect(started.version).toBe(1);
    expect((await owner.get(`/api/flows/${id}/versions/1`)).json().hash).toBe(v1.hash);
  });

  it('answers 404 to an event for an unknown business key', async () => {
    const res = await owner.post('/api/events', { businessKey: 'NO-SUCH-KEY', event: 'invoice.paid' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
