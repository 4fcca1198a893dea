import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScheduleNotFoundError } from '@temporalio/client';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let owner: Agent;
let admin: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
  admin = await h.login(['admin']);
});
afterAll(async () => h?.close());

// Every firing starts a case that waits on a person: a run is never finished when the next firing comes.
function scheduledFlow(overlap?: 'allowAll' | 'skip' | 'bufferOne') {
  return {
    schemaVersion: 1,
    name: `scheduled review ${Date.now()}-${Math.random()}`,
    variables: [],
    nodes: [
      { id: 'cron', kind: 'trigger.schedule', config: { cron: '0 6 * * *', timezone: 'UTC', overlap } },
      {
        id: 'review',
        kind: 'humanTask',
        config: { title: 'Review', outcomes: [{ name: 'done' }], assignee: { type: 'user', value: owner.username } },
      },
      { id: 'end', kind: 'end', config: { status: 'done' } },
    ],
    edges: [
      { id: 'a', source: 'cron', target: 'review' },
      { id: 'b', source: 'review', sourceHandle: 'done', target: 'end' },
    ],
  };
}

async function publish(def: unknown, flowId?: string): Promise<string> {
  const id = flowId ?? (await owner.post('/api/flows', { definition: def })).json().id;
  const res = await owner.post(`/api/flows/${id}/publish`, { comment: 'v', definition: def });
  expect(res.statusCode, res.body).toBe(201);
  return id;
}

const runCount = async (flowId: string) =>
  ((await owner.get(`/api/runs?flowId=${flowId}&limit=200`)).json().items as unknown[]).length;
const status = async (flowId: string) => {
  const res = await owner.get(`/api/flows/${flowId}/schedule`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const control = async (flowId: string, op: 'pause' | 'resume' | 'deactivate' | 'activate') => {
  const res = await owner.post(`/api/flows/${flowId}/schedule/${op}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const audit = async (flowId: string) =>
  (await admin.get(`/api/admin/audit?targetType=flow&targetId=${flowId}&limit=100`)).json().items as Array<{
    action: string;
    actorUsername: string | null;
    before: unknown;
    after: unknown;
    details: unknown;
  }>;
// Flows take minute-grained crons; the test speeds the published schedule up to a firing per second, keeping its policy.
const fireEverySecond = (flowId: string) =>
  h.temporal.schedule
    .getHandle(`flow-${flowId}`)
    .update((prev) => ({ ...prev, spec: { intervals: [{ every: '1s' }] } }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('schedules: overlap, pause, resume, deactivate', () => {
  it('starts a run at every firing while earlier runs wait; pause stops firings, resume restarts them', async () => {
    const flowId = await publish(scheduledFlow());
    const handle = h.temporal.schedule.getHandle(`flow-${flowId}`);
    expect((await handle.describe()).policies.overlap).toBe('ALLOW_ALL');
    await fireEverySecond(flowId);
    expect(await status(flowId)).toMatchObject({ state: 'active', overlap: 'allowAll', trigger: 'trigger.schedule' });

    // Three firings, three runs, each still waiting on its task: none was skipped.
    await eventually(async () => (await runCount(flowId)) >= 3, 20_000, 250);
    const desc = await handle.describe();
    expect(desc.info.numActionsSkippedOverlap).toBe(0);
    expect(desc.info.numActionsTaken).toBeGreaterThanOrEqual(3);
    const runs = (await owner.get(`/api/runs?flowId=${flowId}`)).json().items as Array<{ status: string }>;
    expect(runs.filter((r) => r.status === 'completed')).toEqual([]);
    expect(await status(flowId)).toMatchObject({ skipped: { total: 0 }, running: null });

    expect(await control(flowId, 'pause')).toMatchObject({ state: 'paused', nextFireAt: null });
    expect((await handle.describe()).state.paused).toBe(true);
    await sleep(1500); // a firing already under way when paused may still register its run
    const paused = await runCount(flowId);
    await sleep(3000);
    expect(await runCount(flowId)).toBe(paused);

    expect(await control(flowId, 'resume')).toMatchObject({ state: 'active' });
    await eventually(async () => (await runCount(flowId)) >= paused + 2, 20_000, 250);

    expect(await control(flowId, 'deactivate')).toMatchObject({ state: 'inactive' });
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    const st = await status(flowId);
    expect(st.state).toBe('inactive');
    expect(Date.parse(st.deactivatedAt)).toBeGreaterThan(0);
    // Paused and resumed only mean something on a schedule that exists.
    const refused = await owner.post(`/api/flows/${flowId}/schedule/pause`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SCHEDULE_INACTIVE');

    const actions = (await audit(flowId)).map((e) => e.action);
    for (const a of ['schedule.paused', 'schedule.resumed', 'schedule.deactivated'])
      expect(actions, JSON.stringify(actions)).toContain(a);
    const paused1 = (await audit(flowId)).find((e) => e.action === 'schedule.paused');
    expect(paused1).toMatchObject({
      actorUsername: owner.username,
      before: { state: 'active' },
      after: { state: 'paused' },
    });

    // An explicit activate re-creates the schedule of the active version; so would publishing.
    expect(await control(flowId, 'activate')).toMatchObject({ state: 'active', deactivatedAt: null });
    expect((await handle.describe()).policies.overlap).toBe('ALLOW_ALL');
    expect((await audit(flowId)).map((e) => e.action)).toContain('schedule.activated');
    await control(flowId, 'deactivate');
  });

  it('records the firings a skip policy drops, and a publish changes the policy of the existing schedule', async () => {
    const flowId = await publish(scheduledFlow());
    const handle = h.temporal.schedule.getHandle(`flow-${flowId}`);
    expect((await handle.describe()).policies.overlap).toBe('ALLOW_ALL');
    await publish(scheduledFlow('skip'), flowId);
    expect((await handle.describe()).policies.overlap).toBe('SKIP');
    await fireEverySecond(flowId);

    const st = await eventually(
      async () => {
        const s = await status(flowId);
        return s.skipped.total >= 2 && s;
      },
      20_000,
      500,
    );
    expect(st).toMatchObject({ state: 'active', overlap: 'skip', running: 1 });
    expect(Date.parse(st.skipped.lastSeenAt)).toBeGreaterThan(0);
    expect(await runCount(flowId)).toBe(1);
    const skips = (await audit(flowId)).filter((e) => e.action === 'schedule.firings_skipped');
    expect(skips.length).toBeGreaterThanOrEqual(1);
    const recorded = skips.reduce((n, e) => n + (e.details as { skipped: number }).skipped, 0);
    expect(recorded).toBeGreaterThanOrEqual(2);

    // The total outlives the schedule: Temporal's counter restarts from 0 with a new one.
    await control(flowId, 'deactivate');
    expect((await status(flowId)).skipped.total).toBe(st.skipped.total);
  });

  it('answers 409 for a flow whose active version has no schedule', async () => {
    const def = scheduledFlow();
    def.nodes[0] = { id: 'cron', kind: 'trigger.manual', config: {} } as (typeof def.nodes)[0];
    const flowId = await publish(def);
    expect(await status(flowId)).toMatchObject({ state: 'none', overlap: null });
    const res = await owner.post(`/api/flows/${flowId}/schedule/deactivate`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NOT_A_SCHEDULED_FLOW');
  });
});
