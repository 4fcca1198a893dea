// Statistics by a run variable (root causes of disputes): grouped on real runs in Postgres, exact totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
});
afterAll(async () => h?.close());

describe('run statistics', () => {
  it('groups runs by a variable, counts them per status and outcome, totals money per currency exactly, split by status and outcome', async () => {
    const def = {
      schemaVersion: 1,
      name: `disputes stats ${Date.now()}`,
      variables: [
        { name: 'rootCause', type: 'string' },
        { name: 'amount', type: 'money' },
        { name: 'hold', type: 'boolean' },
        { name: 'reject', type: 'boolean' },
      ],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'd',
          kind: 'decision',
          config: {
            outcomes: [
              { name: 'hold', when: { all: [{ fact: 'hold', operator: 'equal', value: true }] } },
              { name: 'reject', when: { all: [{ fact: 'reject', operator: 'equal', value: true }] } },
            ],
            defaultOutcome: 'close',
          },
        },
        { id: 'w', kind: 'waitForEvent', config: { event: 'dispute.closed' } },
        { id: 'end', kind: 'end', config: { status: 'accounted' } },
        { id: 'no', kind: 'end', config: { status: 'rejected' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'd' },
        { id: 'b', source: 'd', target: 'w', sourceHandle: 'hold' },
        { id: 'c', source: 'd', target: 'end', sourceHandle: 'close' },
        { id: 'r', source: 'd', target: 'no', sourceHandle: 'reject' },
        { id: 'e', source: 'w', target: 'end' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' })).statusCode).toBe(201);
    const inputs = [
      { rootCause: 'price', amount: { amount: '0.10', currency: 'EUR' }, hold: false },
      { rootCause: 'price', amount: { amount: '0.20', currency: 'EUR' }, hold: false, reject: true },
      { rootCause: 'price', amount: { amount: '15000.01', currency: 'EUR' }, hold: true },
      { rootCause: 'price', amount: { amount: '99.99', currency: 'USD' }, hold: false },
      { rootCause: 'damaged', amount: { amount: '40', currency: 'EUR' }, hold: false },
      { amount: { amount: '1.00', currency: 'EUR' }, hold: false },
      { rootCause: 'price', amount: { amount: '7.00', currency: 'EUR' }, hold: true },
    ];
    const runIds: string[] = [];
    for (const [i, input] of inputs.entries())
      runIds.push((await owner.post('/api/runs', { flowId, businessKey: `DSP-${i}`, input })).json().runId);
    // Every run has reached its resting state in the projection: five done, two waiting; then one is cancelled.
    const statuses = () =>
      Promise.all(runIds.map(async (id) => (await owner.get(`/api/runs/${id}`)).json().run.status as string));
    await eventually(async () => {
      const runs = await statuses();
      return runs.filter((s) => s === 'completed').length === 5 && runs.filter((s) => s === 'waiting').length === 2;
    });
    expect((await owner.post(`/api/runs/${runIds[6]}/cancel`)).statusCode).toBe(200);
    await eventually(async () => (await statuses())[6] === 'cancelled');
    const stats = (await owner.get(`/api/flows/${flowId}/breakdown?groupBy=rootCause&sum=amount`)).json();
    expect(stats).toMatchObject({ groupBy: 'rootCause', sum: 'amount', total: 7 });
    const eur = (amount: string) => [{ currency: 'EUR', amount }];
    expect(stats.groups).toEqual([
      // 0.10 + 0.20 + 15000.01 + 7.00 in EUR: exact, no float drift; USD is kept apart.
      {
        key: 'price',
        runs: 5,
        byStatus: { completed: 3, waiting: 1, cancelled: 1 },
        byOutcome: { accounted: 2, rejected: 1 },
        totals: [
          { currency: 'EUR', amount: '15007.31' },
          { currency: 'USD', amount: '99.99' },
        ],
        // The open, the cancelled and the ended disputes are never one sum; accounted and rejected are apart.
        totalsByStatus: {
          completed: [
            { currency: 'EUR', amount: '0.30' },
            { currency: 'USD', amount: '99.99' },
          ],
          waiting: eur('15000.01'),
          cancelled: eur('7.00'),
        },
        totalsByOutcome: {
          accounted: [
            { currency: 'EUR', amount: '0.10' },
            { currency: 'USD', amount: '99.99' },
          ],
          rejected: eur('0.20'),
        },
      },
      {
        key: 'damaged',
        runs: 1,
        byStatus: { completed: 1 },
        byOutcome: { accounted: 1 },
        totals: eur('40'),
        totalsByStatus: { completed: eur('40') },
        totalsByOutcome: { accounted: eur('40') },
      },
      {
        key: null,
        runs: 1,
        byStatus: { completed: 1 },
        byOutcome: { accounted: 1 },
        totals: eur('1.00'),
        totalsByStatus: { completed: eur('1.00') },
        totalsByOutcome: { accounted: eur('1.00') },
      },
    ]);
    const future = (
      await owner.get(
        `/api/flows/${flowId}/breakdown?groupBy=rootCause&from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`,
      )
    ).json();
    expect(future).toMatchObject({ total: 0, groups: [] });
  });

  it('refuses a group-by that is not a variable path, naming the parameter', async () => {
    const flowId = (
      await owner.post('/api/flows', {
        definition: {
          schemaVersion: 1,
          name: `s ${Date.now()}`,
          variables: [],
          nodes: [
            { id: 't', kind: 'trigger.manual', config: {} },
            { id: 'e', kind: 'end', config: { status: 'done' } },
          ],
          edges: [{ id: 'a', source: 't', target: 'e' }],
        },
      })
    ).json().id;
    const bad = await owner.get(
      `/api/flows/${flowId}/breakdown?groupBy=${encodeURIComponent("x'); drop table runs; --")}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('groupBy');
    expect(
      (await owner.get('/api/flows/00000000-0000-4000-8000-00000000beef/breakdown?groupBy=rootCause')).statusCode,
    ).toBe(404);
  });
});
