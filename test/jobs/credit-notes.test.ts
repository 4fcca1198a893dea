// The credit-note validation job end to end, on SAP's own OData mock server (real service metadata):
// the extraction feeds one durable case per unfinished credit memo request; above 15 000 EUR a manager
// decides in the inbox; approved notes get their billing block cleared in SAP; done cases leave the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditMemoRequests } from '../../connectors/sap/test/sap-data.ts';
import { startSapTestServer, type SapTestServer } from '../../connectors/sap/test/sap-test-server.ts';
import { createHarness, eventually, type Agent, type Harness } from '../helpers/api-harness.ts';

let h: Harness;
let sap: SapTestServer;
let owner: Agent;
let manager: Agent;
const amounts = ['500.00', '15000.00', '15000.01', '22000.00'];

beforeAll(async () => {
  const data = creditMemoRequests(amounts.length);
  data.headers.forEach((row, i) =>
    Object.assign(row, { TotalNetAmount: amounts[i], OverallSDProcessStatus: 'A', HeaderBillingBlockReason: '08' }),
  );
  sap = await startSapTestServer(
    {
      API_CREDIT_MEMO_REQUEST_SRV: {
        A_CreditMemoRequest: data.headers,
        A_CreditMemoRequestItem: data.items,
        A_CreditMemoReqText: data.texts,
      },
    },
    { user: 'LF_EXTRACT', password: 'pw-1' },
  );
  h = await createHarness();
  owner = await h.login(['process_owner']);
  manager = await h.login(['manager']);
});
afterAll(async () => {
  await h?.close();
  await sap?.close();
});

function creditNoteFlow(connectionId: string) {
  return {
    schemaVersion: 1,
    name: `credit-note validation ${Date.now()}`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
    variables: [],
    nodes: [
      {
        id: 'extract',
        kind: 'trigger.recordFeed',
        config: {
          connector: 'sap',
          feed: 'openCreditMemoRequests',
          connectionId,
          feedConfig: { pageSize: 2 },
          cron: '0 7,13 * * *',
          businessKey: 'record.creditMemoRequest',
          onClosed: 'ignore',
        },
      },
      {
        id: 'threshold',
        kind: 'decision',
        config: {
          outcomes: [
            {
              name: 'needsManager',
              when: {
                all: [
                  {
                    fact: 'record',
                    path: '$.totalNetAmount',
                    operator: 'amountGt',
                    value: { amount: '15000', currency: 'EUR' },
                  },
                ],
              },
            },
          ],
          defaultOutcome: 'autoRelease',
        },
      },
      {
        id: 'approval',
        kind: 'humanTask',
        config: {
          title: 'Approve credit note {{record.creditMemoRequest}}',
          outcomes: [{ name: 'approve' }, { name: 'reject' }],
          assignee: { type: 'role', value: 'manager' },
          fourEyes: true,
          amount: 'record.totalNetAmount',
          customer: 'record.soldToParty',
        },
      },
      {
        id: 'release',
        kind: 'action',
        config: {
          connector: 'sap',
          action: 'setBillingBlock',
          connectionId,
          inputs: { creditMemoRequest: 'record.creditMemoRequest', reason: 'null' },
        },
      },
      { id: 'released', kind: 'end', config: { status: 'released' } },
      { id: 'rejected', kind: 'end', config: { status: 'rejected' } },
    ],
    edges: [
      { id: 'e1', source: 'extract', target: 'threshold' },
      { id: 'e2', source: 'threshold', target: 'approval', sourceHandle: 'needsManager' },
      { id: 'e3', source: 'threshold', target: 'release', sourceHandle: 'autoRelease' },
      { id: 'e4', source: 'approval', target: 'release', sourceHandle: 'approve' },
      { id: 'e5', source: 'approval', target: 'rejected', sourceHandle: 'reject' },
      { id: 'e6', source: 'release', target: 'released' },
    ],
  };
}

describe('credit-note validation on SAP', () => {
  it('routes notes above 15 000 EUR to a manager and clears the billing block of the released ones', async () => {
    const integrator = await h.login(['integrator']);
    const name = `s4-${Date.now()}`;
    const conn = await integrator.post('/api/connections', {
      name,
      connectorId: 'sap',
      config: { baseUrl: sap.baseUrl, auth: { type: 'basic', user: 'LF_EXTRACT' } },
      secrets: { password: 'pw-1' },
    });
    expect(conn.statusCode, conn.body).toBe(201);
    const flowId = (await owner.post('/api/flows', { definition: creditNoteFlow(name) })).json().id;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
    expect(pub.statusCode, pub.body).toBe(201);

    const sync = (await owner.post(`/api/flows/${flowId}/feed/sync`)).json();
    expect(sync).toMatchObject({ polled: 4, started: 4, failed: [] });

    // 500.00 and exactly 15000.00 are released at once; 15000.01 and 22000.00 wait for a manager.
    await eventually(async () => (await owner.get(`/api/flows/${flowId}/cases`)).json().counts.closed === 2, 30_000);
    const tasks = await eventually(async () => {
      const list = (await manager.get(`/api/tasks?view=groups&flowId=${flowId}`)).json();
      return list.items.length === 2 ? list.items : null;
    });
    expect(tasks.map((t: { amount: string }) => t.amount).sort()).toEqual(['15000.01', '22000']);
    const big = tasks.find((t: { amount: string }) => t.amount === '22000');
    const small = tasks.find((t: { amount: string }) => t.amount === '15000.01');
    expect(big.title).toMatch(/^Approve credit note \d+$/);

    expect((await manager.post(`/api/tasks/${small.id}/complete`, { outcome: 'approve', data: {} })).statusCode).toBe(
      200,
    );
    expect((await manager.post(`/api/tasks/${big.id}/complete`, { outcome: 'reject', data: {} })).statusCode).toBe(200);
    const cases = await eventually(async () => {
      const c = (await owner.get(`/api/flows/${flowId}/cases`)).json();
      return c.counts.closed === 4 ? c : null;
    }, 30_000);
    expect(cases.counts).toMatchObject({ open: 0, late: 0 });

    // SAP saw exactly three billing-block updates (CSRF-protected, with ETags), never one for the rejected note.
    const updates = sap.requests.filter(
      (r) =>
        (r.method === 'PATCH' || r.method === 'MERGE' || r.headers['x-http-method'] === 'MERGE') &&
        r.url.includes('A_CreditMemoRequest('),
    );
    expect(updates).toHaveLength(3);
    expect(updates.some((r) => r.url.includes(big.businessKey))).toBe(false);
    const outcomes = (await owner.get(`/api/runs?flowId=${flowId}&limit=10`))
      .json()
      .items.map((r: { outcome: string }) => r.outcome)
      .sort();
    expect(outcomes).toEqual(['rejected', 'released', 'released', 'released']);

    // The next extraction sees the same unfinished notes in SAP, but their cases are closed: nothing restarts.
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({ started: 0, ignored: 4 });
  });
});
