// Creating credit memo requests from disputes: one dispute, one request, across retries and lost answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorTestKit } from '@ledgerflow/connector-sdk';
import { connector, resetSapSessions } from '../src/index.ts';
import { creditMemoRequests } from './sap-data.ts';
import { PREFIX, startSapTestServer, type SapTestServer } from './sap-test-server.ts';

const cmr = creditMemoRequests(3);
let server: SapTestServer;
const kit = () =>
  connectorTestKit(connector, {
    connection: {
      config: { baseUrl: server.baseUrl, client: '100', auth: { type: 'basic', user: 'ALICE' } },
      secrets: { password: 's3cret' },
    },
  });
const dispute = (reference: string, amount = '1250.10', soldToParty = '17100001') => ({
  reference,
  soldToParty,
  amount: { amount, currency: 'EUR' },
  salesOrganization: '1010',
  distributionChannel: '10',
  organizationDivision: '00',
  reason: '001',
  referenceSDDocument: '90000001',
  material: 'CREDIT',
  itemText: 'Dispute credit',
});

/** What SAP holds for a reference, read straight from the server (not through the connector). */
async function requestsFor(reference: string): Promise<Array<Record<string, unknown>>> {
  const filter = encodeURIComponent(`PurchaseOrderByCustomer eq '${reference}'`);
  const res = await fetch(
    `${server.baseUrl}${PREFIX}/API_CREDIT_MEMO_REQUEST_SRV/A_CreditMemoRequest?$filter=${filter}&$expand=to_Item&$format=json`,
    { headers: { authorization: `Basic ${Buffer.from('ALICE:s3cret').toString('base64')}` } },
  );
  return ((await res.json()) as { d: { results: Array<Record<string, unknown>> } }).d.results;
}
const posts = () => server.requests.filter((r) => r.method === 'POST');

beforeAll(async () => {
  server = await startSapTestServer(
    { API_CREDIT_MEMO_REQUEST_SRV: { A_CreditMemoRequest: cmr.headers, A_CreditMemoRequestItem: cmr.items } },
    { user: 'ALICE', password: 's3cret' },
  );
});
afterAll(() => server?.close());
beforeEach(() => {
  resetSapSessions();
  server.requests.length = 0;
});

describe('sap createCreditMemoRequest', () => {
  it('creates the request with its item priced at the exact amount, keyed by the dispute reference', async () => {
    const out = await kit().run('createCreditMemoRequest', dispute('DSP-2026-0001', '12345678901234.56'));
    expect(out).toEqual({
      creditMemoRequest: '60100000',
      created: true,
      reference: 'DSP-2026-0001',
      soldToParty: '17100001',
      totalNetAmount: { amount: '12345678901234.56', currency: 'EUR' },
    });
    expect(posts()).toHaveLength(1);
    const [doc] = await requestsFor('DSP-2026-0001');
    expect(doc).toMatchObject({
      CreditMemoRequest: '60100000',
      SoldToParty: '17100001',
      SDDocumentReason: '001',
      ReferenceSDDocument: '90000001',
      TransactionCurrency: 'EUR',
      CreatedByUser: 'ALICE',
    });
    expect((doc!.to_Item as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ Material: 'CREDIT', NetAmount: '12345678901234.56', RequestedQuantity: '1' }),
    ]);
  });

  it('a second run for the same dispute returns the existing request and posts nothing', async () => {
    const first = await kit().run('createCreditMemoRequest', dispute('DSP-2026-0002'));
    server.requests.length = 0;
    const again = await kit().run('createCreditMemoRequest', dispute('DSP-2026-0002'));
    expect(again).toEqual({ ...(first as object), created: false });
    expect(posts()).toHaveLength(0);
    expect(await requestsFor('DSP-2026-0002')).toHaveLength(1);
  });

  it('a retry after a lost answer finds the request the lost POST created: no duplicate', async () => {
    server.loseResponse(/\/A_CreditMemoRequest$/);
    const err: any = await kit()
      .run('createCreditMemoRequest', dispute('DSP-2026-0003', '480.00'))
      .catch((e: unknown) => e);
    // The engine retries an activity whose error is retryable; here the test is the engine.
    expect(err).toMatchObject({
      retryable: true,
      connector: 'sap',
      action: 'createCreditMemoRequest',
      record: 'DSP-2026-0003',
    });
    expect(await requestsFor('DSP-2026-0003')).toHaveLength(1);
    const retry = (await kit().run('createCreditMemoRequest', dispute('DSP-2026-0003', '480.00'))) as Record<
      string,
      unknown
    >;
    expect(retry).toMatchObject({ created: false, totalNetAmount: { amount: '480.00', currency: 'EUR' } });
    const held = await requestsFor('DSP-2026-0003');
    expect(held.map((d) => d.CreditMemoRequest)).toEqual([retry.creditMemoRequest]);
    expect(posts()).toHaveLength(1);
  });

  it('the same reference for another customer is another request; a non-positive amount is refused', async () => {
    const a = (await kit().run('createCreditMemoRequest', dispute('DSP-2026-0004'))) as { creditMemoRequest: string };
    const b = (await kit().run('createCreditMemoRequest', dispute('DSP-2026-0004', '10.00', '17100002'))) as {
      creditMemoRequest: string;
      created: boolean;
    };
    expect(b.created).toBe(true);
    expect(b.creditMemoRequest).not.toBe(a.creditMemoRequest);
    server.requests.length = 0;
    const err: any = await kit()
      .run('createCreditMemoRequest', dispute('DSP-2026-0005', '-5.00'))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_INPUT_INVALID', retryable: false, record: 'DSP-2026-0005' });
    expect(posts()).toHaveLength(0);
  });
});
