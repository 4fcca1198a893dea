// Receivables KPIs from the open items a record feed keeps as cases: aging, DSO and CEI per currency, exact.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
});
afterAll(async () => h?.close());

const parisToday = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());
const day = (offset: number) =>
  new Date(Date.parse(`${parisToday}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('receivables KPIs', () => {
  it('ages open items, and computes DSO and CEI over the period from open and settled items', async () => {
    const tag = randomUUID().slice(0, 6);
    const item = (
      id: string,
      remaining: { amount: string; currency: string },
      total: { amount: string; currency: string },
      due: number,
      dated: number,
    ) => ({ id: `${tag}-${id}`, amountRemaining: remaining, total, dueDate: day(due), tranDate: day(dated) });
    const records = [
      item('A', eur('100.00'), eur('100.00'), 5, -25), // not due yet
      item('B', eur('200.50'), eur('300.50'), -10, -40), // partly paid, 10 days late
      item('C', eur('50.25'), eur('50.25'), -45, -75),
      item('D', eur('1000.00'), eur('1000.00'), -120, -150), // dated before the period: opening balance
      item('E', { amount: '10.00', currency: 'USD' }, { amount: '10.00', currency: 'USD' }, -1, -3),
      item('F', eur('400.00'), eur('400.00'), -30, -60), // paid below: a sale of the period, no longer open
      item('G', eur('30.00'), eur('30.00'), -70, -100), // paid below: open at the start of the period
    ];
    const def = {
      schemaVersion: 1,
      name: `receivables ${tag}`,
      settings: { timezone: 'Europe/Paris', calendar: 'FR' },
      variables: [],
      nodes: [
        {
          id: 'feed',
          kind: 'trigger.recordFeed',
          config: {
            connector: 'builtin',
            feed: 'staticRecords',
            feedConfig: { records },
            cron: '0 6 * * 1-5',
            businessKey: 'record.id',
            onClosed: 'ignore',
          },
        },
        { id: 'paid', kind: 'waitForEvent', config: { event: 'invoice.paid' } },
        { id: 'end', kind: 'end', config: { status: 'paid' } },
      ],
      edges: [
        { id: 'a', source: 'feed', target: 'paid' },
        { id: 'b', source: 'paid', target: 'end' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' })).statusCode).toBe(201);
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({ started: 7, failed: [] });
    for (const id of ['F', 'G']) {
      await eventually(
        async () =>
          (await owner.post('/api/events', { flowId, businessKey: `${tag}-${id}`, event: 'invoice.paid' }))
            .statusCode === 202,
      );
    }
    await eventually(
      async () => (await owner.get(`/api/flows/${flowId}/cases?status=closed`)).json().counts.closed === 2,
    );

    const r = (
      await owner.get(
        `/api/flows/${flowId}/receivables?amount=amountRemaining&total=total&due=dueDate&date=tranDate&days=90`,
      )
    ).json();
    expect(r).toMatchObject({ asOf: parisToday, days: 90 });
    const [eurRow, usdRow] = r.currencies;
    // Open 100.00 + 200.50 + 50.25 + 1000.00; sales A, B (its total), C, F; opening D and G.
    expect(eurRow).toMatchObject({
      currency: 'EUR',
      open: '1350.75',
      current: '100.00',
      sales: '850.75',
      beginning: '1030.00',
    });
    expect(eurRow.aging).toEqual([
      { bucket: 'current', amount: '100.00', count: 1 },
      { bucket: '1-30', amount: '200.50', count: 1 },
      { bucket: '31-60', amount: '50.25', count: 1 },
      { bucket: '61-90', amount: '0', count: 0 },
      { bucket: '>90', amount: '1000.00', count: 1 },
    ]);
    // DSO = 1350.75 / 850.75 x 90 = 142.89; CEI = (1030 + 850.75 - 1350.75) / (1030 + 850.75 - 100) = 29.76 %.
    expect(eurRow).toMatchObject({ dso: '142.9', cei: '29.8' });
    expect(usdRow).toMatchObject({
      currency: 'USD',
      open: '10.00',
      current: '0',
      sales: '10.00',
      dso: '90.0',
      cei: '0.0',
    });
  });

  it('refuses a field path that is not one, naming the parameter', async () => {
    const flowId = (
      await owner.post('/api/flows', {
        definition: {
          schemaVersion: 1,
          name: `r ${Date.now()}`,
          variables: [],
          nodes: [
            { id: 't', kind: 'trigger.manual', config: {} },
            { id: 'e', kind: 'end', config: { status: 'done' } },
          ],
          edges: [{ id: 'a', source: 't', target: 'e' }],
        },
      })
    ).json().id;
    const bad = await owner.get(`/api/flows/${flowId}/receivables?amount=${encodeURIComponent('x}; drop')}`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('amount');
  });
});
