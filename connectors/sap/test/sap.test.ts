import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorTestKit, testConnection } from '@ledgerflow/connector-sdk';
import { connector, resetSapSessions } from '../src/index.ts';
import { billingDocuments, creditMemoRequests, customerDunning, openItems } from './sap-data.ts';
import { startSapTestServer, type SapTestServer } from './sap-test-server.ts';

const cmr = creditMemoRequests(12);
const items = openItems(95);
let server: SapTestServer;
const connection = () => ({
  config: { baseUrl: server.baseUrl, client: '100', auth: { type: 'basic', user: 'ALICE' } },
  secrets: { password: 's3cret' },
});
const kit = () => connectorTestKit(connector, { connection: connection() });

beforeAll(async () => {
  server = await startSapTestServer(
    {
      API_CREDIT_MEMO_REQUEST_SRV: {
        A_CreditMemoRequest: cmr.headers,
        A_CreditMemoRequestItem: cmr.items,
        A_CreditMemoReqText: cmr.texts,
      },
      API_BILLING_DOCUMENT_SRV: { A_BillingDocument: billingDocuments(7) },
      API_OPLACCTGDOCITEMCUBE_SRV: { A_OperationalAcctgDocItemCube: items },
      API_BUSINESS_PARTNER: { A_CustomerDunning: customerDunning() },
    },
    { user: 'ALICE', password: 's3cret', oauth: { clientId: 'lf-client', clientSecret: 'oauth-secret' } },
  );
});
afterAll(() => server?.close());
beforeEach(() => {
  resetSapSessions();
  server.requests.length = 0;
});

describe('sap connector against the OData mock server', () => {
  it('tests the connection by reading $metadata', async () => {
    await expect(testConnection(connector, connection())).resolves.toMatchObject({ ok: true });
  });

  it('pages open items across several pages with exact decimals', async () => {
    const k = kit();
    const all = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await k.poll('customerOpenItems', { pageSize: 20 }, cursor);
      all.push(...page.records);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
    } while (pages < 20);
    const open = items.filter((i) => !i.IsCleared);
    expect(pages).toBe(Math.ceil(open.length / 20) + (open.length % 20 === 0 ? 1 : 0));
    expect(all.length).toBe(open.length);
    expect(new Set(all.map((r) => (r as { key: string }).key)).size).toBe(open.length);
    const first = all.find((r) => (r as { accountingDocument: string }).accountingDocument === '1800000001') as Record<
      string,
      any
    >;
    // Sent by the mock as a JSON number, handed out by the gateway as a string.
    expect(first.amount).toEqual({ amount: String(items[1]!.AmountInTransactionCurrency), currency: 'EUR' });
    expect(first.netDueDate).toBe('2024-02-01T00:00:00.000Z');
    expect(server.requests.every((r) => r.headers['sap-client'] === '100')).toBe(true);
  });

  it('follows server-driven paging (__next)', async () => {
    const paged = await startSapTestServer(
      { API_OPLACCTGDOCITEMCUBE_SRV: { A_OperationalAcctgDocItemCube: items } },
      { user: 'ALICE', password: 's3cret', serverPageSize: 25 },
    );
    try {
      const k = connectorTestKit(connector, {
        connection: { ...connection(), config: { ...connection().config, baseUrl: paged.baseUrl } },
      });
      const out = (await k.run('customerOpenItems', { customer: '17100001', pageSize: 1000 })) as { items: unknown[] };
      expect(out.items.length).toBe(items.filter((i) => !i.IsCleared && i.Customer === '17100001').length);
      expect(paged.requests.some((r) => r.url.includes('%24skiptoken') || r.url.includes('$skiptoken'))).toBe(true);
    } finally {
      await paged.close();
    }
  });

  it("escapes quotes in filters (customer name O'Brien) and sums exactly per currency", async () => {
    const out = (await kit().run('customerOpenItems', { customer: '17100002', customerName: "O'Brien & Sons" })) as {
      items: Array<Record<string, any>>;
      totals: Array<{ currency: string; amount: string }>;
    };
    const expected = items.filter((i) => !i.IsCleared && i.Customer === '17100002');
    expect(out.items.length).toBe(expected.length);
    expect(out.items[0]!.customerName).toBe("O'Brien & Sons");
    const url = server.requests.find((r) => r.url.includes('A_OperationalAcctgDocItemCube'))!.url;
    expect(decodeURIComponent(url)).toContain("CustomerName eq 'O''Brien & Sons'");
    const eur = out.totals.find((t) => t.currency === 'EUR')!;
    const cents = expected
      .filter((i) => i.TransactionCurrency === 'EUR')
      .reduce((s, i) => s + Math.round(Number(i.AmountInTransactionCurrency) * 100), 0);
    expect(eur.amount).toBe((cents / 100).toFixed(2));
  });

  it('filters by due date with datetime literals', async () => {
    const out = (await kit().run('customerOpenItems', { customer: '17100001', dueBefore: '2024-02-05T00:00:00Z' })) as {
      items: Array<{ netDueDate: string; daysOverdue: number }>;
    };
    expect(out.items.length).toBeGreaterThan(0);
    for (const i of out.items) expect(Date.parse(i.netDueDate)).toBeLessThan(Date.parse('2024-02-05T00:00:00Z'));
  });

  it('reads open credit memo requests with items and texts, decimals exact, and a watermark cursor', async () => {
    const k = kit();
    const p1 = await k.poll('openCreditMemoRequests', { pageSize: 5 });
    expect(p1.hasMore).toBe(true);
    const first = p1.records[0] as Record<string, any>;
    expect(first.creditMemoRequest).toBe('60000000');
    expect(first.totalNetAmount).toEqual({ amount: '12345678901234.56', currency: 'EUR' });
    expect(first.items).toHaveLength(2);
    expect(first.items[0].netAmount).toBe('12345678901234.56');
    expect(first.texts[0].text).toBe('Reason for 60000000');
    expect(first.createdByUser).toBe('JDUPONT');
    expect((p1.records[1] as Record<string, any>).createdByUser).toBe('CB9980000011');
    expect(first.lastChangeDateTime).toBe('2024-03-01T10:00:00.000Z');
    expect(first.etag).toMatch(/^W\//);
    const p2 = await k.poll('openCreditMemoRequests', { pageSize: 5 }, p1.cursor);
    expect(p2.hasMore).toBe(false);
    const ids = [...p1.keys, ...p2.keys];
    expect(ids).toEqual(cmr.headers.filter((h) => h.OverallSDProcessStatus !== 'C').map((h) => h.CreditMemoRequest));
    // Next sweep starts at the last change seen.
    const again = await k.poll('openCreditMemoRequests', { pageSize: 5 }, p2.cursor);
    expect(again.keys).toEqual([ids[ids.length - 1]]);
  });

  it('sets the billing block with the CSRF handshake and ETag', async () => {
    const out = await kit().run('setBillingBlock', { creditMemoRequest: '60000001', reason: null });
    expect(out).toMatchObject({ creditMemoRequest: '60000001', billingBlockReason: '' });
    const fetches = server.requests.filter((r) => r.headers['x-csrf-token'] === 'Fetch');
    expect(fetches).toHaveLength(1);
    const patch = server.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers['if-match']).toMatch(/^W\//);
    expect(patch.headers.cookie).toMatch(/SAP_SESSIONID/);
    const k = kit();
    const page = await k.poll('openCreditMemoRequests', { pageSize: 100, onlyUnfinished: false });
    expect(
      (page.records.find((r) => (r as any).creditMemoRequest === '60000001') as any).billingBlockReason,
    ).toBeUndefined();
  });

  it('fetches a new CSRF token once when the old one expired', async () => {
    const k = kit();
    await k.run('setBillingBlock', { creditMemoRequest: '60000002', reason: '08' });
    server.expireCsrfTokens();
    server.requests.length = 0;
    await k.run('setBillingBlock', { creditMemoRequest: '60000002', reason: '' });
    const seq = server.requests.map((r) => `${r.method}${r.headers['x-csrf-token'] === 'Fetch' ? ':fetch' : ''}`);
    expect(seq).toEqual(['GET', 'PATCH', 'GET:fetch', 'PATCH']);
  });

  it('reports an ETag conflict clearly', async () => {
    const page = await kit().poll('openCreditMemoRequests', { pageSize: 100 });
    const doc = page.records.find((r) => (r as any).creditMemoRequest === '60000004') as { etag: string };
    await server.touchCreditMemoRequest('60000004');
    await new Promise((r) => setTimeout(r, 5));
    const err: any = await kit()
      .run('updateCreditMemoRequest', {
        creditMemoRequest: '60000004',
        fields: { PurchaseOrderByCustomer: 'PO-NEW' },
        etag: doc.etag,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'SAP_ETAG_CONFLICT',
      retryable: false,
      connector: 'sap',
      action: 'updateCreditMemoRequest',
      record: '60000004',
    });
    expect(err.message).toContain('changed in SAP');
  });

  it('maps SAP error bodies to clear errors', async () => {
    const err = await kit()
      .run('setBillingBlock', { creditMemoRequest: '60000005', reason: 'ZZ' })
      .then(
        () => undefined,
        (e) => e,
      );
    expect(err).toBeUndefined(); // 2 chars is valid
    server.inject({
      status: 400,
      match: /A_CreditMemoRequest\('60000005'\)/,
      body: {
        error: {
          code: 'V1/012',
          message: { lang: 'en', value: 'Billing block reason ZZ is not valid' },
          innererror: {
            errordetails: [
              { code: 'V1/012', message: 'Billing block reason ZZ is not valid' },
              { code: 'V1/099', message: 'Document not saved' },
            ],
          },
        },
      },
    });
    const e2: any = await kit()
      .run('updateCreditMemoRequest', {
        creditMemoRequest: '60000005',
        fields: { HeaderBillingBlockReason: 'ZZ' },
        etag: '*',
      })
      .catch((e: unknown) => e);
    expect(e2).toMatchObject({
      code: 'CONNECTOR_REJECTED',
      retryable: false,
      connector: 'sap',
      action: 'updateCreditMemoRequest',
      record: '60000005',
    });
    expect(e2.message).toContain('SAP V1/012: Billing block reason ZZ is not valid');
    expect(e2.message).toContain('Document not saved');
    expect(e2.details).toMatchObject({ sapCode: 'V1/012' });
  });

  it('wrong credentials: non-retryable auth error naming connector, action and record', async () => {
    const k = connectorTestKit(connector, { connection: { ...connection(), secrets: { password: 'wrong' } } });
    const err: any = await k.run('getBillingDocument', { billingDocument: '90000001' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'CONNECTOR_AUTH_FAILED',
      retryable: false,
      connector: 'sap',
      action: 'getBillingDocument',
      record: '90000001',
    });
  });

  it('5xx is retried and then retryable', async () => {
    server.inject({
      status: 503,
      match: /A_BillingDocument/,
      times: 4,
      body: { error: { code: 'SY/530', message: { value: 'Service unavailable' } } },
    });
    const err: any = await kit()
      .run('getBillingDocument', { billingDocument: '90000001' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_UNAVAILABLE', retryable: true, connector: 'sap', record: '90000001' });
    expect(err.message).toContain('SY/530');
    expect(server.requests.filter((r) => r.url.includes('A_BillingDocument')).length).toBe(4);
    server.inject({ status: 502, match: /A_BillingDocument/, times: 1 });
    await expect(kit().run('getBillingDocument', { billingDocument: '90000001' })).resolves.toMatchObject({
      billingDocument: '90000001',
    });
  });

  it('reads and lists billing documents', async () => {
    const doc = await kit().run('getBillingDocument', { billingDocument: '90000002' });
    expect(doc).toMatchObject({
      billingDocument: '90000002',
      type: 'F2',
      totalGrossAmount: { amount: '1194.12', currency: 'EUR' },
      billingDocumentDate: '2024-02-03T00:00:00.000Z',
    });
    // Sold-to 17100001 has documents 1, 3 and 5; 3 is cancelled.
    const list = (await kit().run('listBillingDocuments', { soldToParty: '17100001', top: 1 })) as {
      results: Array<{ billingDocument: string }>;
      count: number;
      nextSkip?: number;
    };
    expect(list).toMatchObject({ count: 2, nextSkip: 1 });
    const rest = (await kit().run('listBillingDocuments', { soldToParty: '17100001', top: 1, skip: 1 })) as typeof list;
    expect([...list.results, ...rest.results].map((r) => r.billingDocument)).toEqual(['90000001', '90000005']);
    expect(rest.nextSkip).toBeUndefined();
  });

  it('reads customer dunning data', async () => {
    const out = (await kit().run('getCustomerDunning', { customer: '17100001' })) as {
      dunning: Array<Record<string, unknown>>;
    };
    expect(out.dunning).toHaveLength(2);
    expect(out.dunning[0]).toMatchObject({
      companyCode: '1010',
      dunningLevel: '2',
      lastDunnedOn: '2024-05-02T00:00:00.000Z',
    });
    expect(out.dunning[1]).toMatchObject({ companyCode: '1710', dunningBlock: 'R' });
  });

  it('OAuth2 client credentials: token fetched once and cached; wrong secret is a non-retryable auth error', async () => {
    const oauth = (secret: string) =>
      connectorTestKit(connector, {
        connection: {
          config: {
            baseUrl: server.baseUrl,
            auth: { type: 'oauth2', tokenUrl: `${server.baseUrl}/oauth/token`, clientId: 'lf-client' },
          },
          secrets: { clientSecret: secret },
        },
      });
    const before = server.tokenRequests;
    await oauth('oauth-secret').run('getCustomerDunning', { customer: '17100002' });
    await oauth('oauth-secret').run('getCustomerDunning', { customer: '17100002' });
    expect(server.tokenRequests - before).toBe(1);
    const err: any = await oauth('nope')
      .run('getCustomerDunning', { customer: '17100002' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'CONNECTOR_AUTH_FAILED',
      retryable: false,
      connector: 'sap',
      action: 'getCustomerDunning',
    });
  });
});
