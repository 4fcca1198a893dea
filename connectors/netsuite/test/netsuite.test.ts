import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { connectorTestKit } from '@ledgerflow/connector-sdk';
import { connector } from '../src/index.ts';
import { startNetSuiteServer, type NsServer } from './netsuite-test-server.ts';
import { receivablesAccount } from './netsuite-data.ts';

const tba = { consumerKey: 'ck-1', consumerSecret: 'cs-secret', tokenId: 'tok-1', tokenSecret: 'ts-secret' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: typeof rsa.privateKey) => k.export({ type: 'pkcs8', format: 'pem' }).toString();

const transactions = Array.from({ length: 23 }, (_, i) => ({
  id: String(100 + i),
  tranid: `INV${1000 + i}`,
  type: i % 5 === 4 ? 'CustCred' : 'CustInvc',
  entity: i % 2 ? '42' : '43',
  trandate: '1/15/2024',
  duedate: i % 3 === 0 ? '2/14/2024' : '4/30/2024',
  foreigntotal: i === 1 ? '12345678901234.56' : `${100 + i}.10`,
  foreignamountremaining: i === 1 ? '12345678901234.56' : `${50 + i}.05`,
  currency: 'USD',
}));

let sb: NsServer;
let prod: NsServer;
beforeAll(async () => {
  sb = await startNetSuiteServer({
    accountId: '1234567_SB1',
    tba,
    transactions,
    records: { 'customer/42': { id: '42', companyName: "O'Brien Ltd", creditlimit: 5000 } },
    oauth2: { clientId: 'cid', kid: 'cert-1', publicKey: rsa.publicKey, alg: 'PS256' },
  });
  prod = await startNetSuiteServer({
    accountId: '7654321',
    transactions,
    oauth2: { clientId: 'cid', kid: 'cert-ec', publicKey: ec.publicKey, alg: 'ES256' },
    throttleEvery: 3,
    delayMs: 20,
  });
});
afterAll(async () => {
  await sb?.close();
  await prod?.close();
});

const tbaKit = (server: NsServer, secret = tba.tokenSecret) =>
  connectorTestKit(connector, {
    connection: {
      config: {
        accountId: '1234567_SB1',
        baseUrl: server.baseUrl,
        auth: { type: 'tba', consumerKey: tba.consumerKey, tokenId: tba.tokenId },
      },
      secrets: { consumerSecret: tba.consumerSecret, tokenSecret: secret },
    },
  });
const jwtKit = (
  server: NsServer,
  opts: { account: string; kid: string; alg: 'PS256' | 'ES256'; key: string; limit?: number },
) =>
  connectorTestKit(connector, {
    connection: {
      config: {
        accountId: opts.account,
        baseUrl: server.baseUrl,
        concurrencyLimit: opts.limit,
        auth: { type: 'oauth2', clientId: 'cid', certificateId: opts.kid, algorithm: opts.alg },
      },
      secrets: { privateKey: opts.key },
    },
  });

describe('netsuite connector', () => {
  it('TBA (OAuth 1.0a HMAC-SHA256) with the sandbox realm, paging SuiteQL across pages', async () => {
    const out = (await tbaKit(sb).run('suiteql', {
      query: 'SELECT t.id, t.tranid FROM transaction t ORDER BY t.id',
      limit: 10,
    })) as { items: Array<{ id: string }>; hasMore: boolean };
    expect(out.items.map((i) => i.id)).toEqual(transactions.map((t) => t.id));
    expect(out.hasMore).toBe(false);
    const calls = sb.log.filter((l) => l.url.startsWith('/services/rest/query'));
    expect(calls.map((c) => new URL(c.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '10', '20']);
  });

  it('TBA: a request answered 429 is retried with a fresh nonce and signature, GET and query POST alike', async () => {
    const ns = await startNetSuiteServer({
      accountId: '1234567_SB1',
      tba,
      transactions,
      records: { 'customer/42': { id: '42', companyName: 'Retry Ltd' } },
      throttleEvery: 2,
    });
    try {
      const k = tbaKit(ns);
      for (let i = 0; i < 3; i++)
        expect(await k.run('getRecord', { type: 'customer', id: '42' })).toMatchObject({
          id: '42',
          record: { companyName: 'Retry Ltd' },
        });
      const q = (await k.run('suiteql', { query: 'SELECT t.id FROM transaction t ORDER BY t.id', limit: 10 })) as {
        items: unknown[];
      };
      expect(q.items).toHaveLength(23);
      expect(ns.log.filter((l) => l.status === 429).length).toBeGreaterThanOrEqual(3);
      expect(ns.log.filter((l) => l.status === 401)).toEqual([]);
    } finally {
      await ns.close();
    }
  });

  it('TBA with a wrong secret: 401, non-retryable, naming connector and action', async () => {
    const err: any = await tbaKit(sb, 'wrong')
      .run('getRecord', { type: 'customer', id: '42' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'CONNECTOR_AUTH_FAILED',
      retryable: false,
      connector: 'netsuite',
      action: 'getRecord',
      record: 'customer/42',
    });
    expect(err.message).toContain('INVALID_LOGIN');
  });

  it('OAuth 2.0 client credentials with a PS256 JWT, token cached', async () => {
    const k = jwtKit(sb, { account: '1234567_SB1', kid: 'cert-1', alg: 'PS256', key: pem(rsa.privateKey) });
    const before = sb.log.filter((l) => l.url.includes('/oauth2/')).length;
    const rec = await k.run('getRecord', { type: 'customer', id: '42' });
    expect(rec).toMatchObject({
      type: 'customer',
      id: '42',
      record: { companyName: "O'Brien Ltd", creditlimit: '5000' },
    });
    await k.run('getRecord', { type: 'customer', id: '42' });
    expect(sb.log.filter((l) => l.url.includes('/oauth2/')).length - before).toBe(1);
  });

  it('OAuth 2.0 with a key that does not match the certificate: non-retryable auth error', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const err: any = await jwtKit(sb, {
      account: '1234567_SB1',
      kid: 'cert-1',
      alg: 'PS256',
      key: pem(other.privateKey),
    })
      .run('getRecord', { type: 'customer', id: '42' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'CONNECTOR_AUTH_FAILED',
      retryable: false,
      connector: 'netsuite',
      action: 'getRecord',
    });
  });

  it('rejects a SuiteQL query without a unique ORDER BY', async () => {
    const k = tbaKit(sb);
    await expect(k.run('suiteql', { query: 'SELECT id FROM transaction' })).rejects.toMatchObject({
      code: 'CONNECTOR_INPUT_INVALID',
      retryable: false,
    });
    await expect(
      k.run('suiteql', { query: "SELECT id FROM transaction WHERE memo = 'order by id' ORDER BY trandate" }),
    ).rejects.toMatchObject({ code: 'CONNECTOR_INPUT_INVALID' });
    await expect(
      k.run('suiteql', {
        query: 'SELECT id FROM transaction ORDER BY trandate',
        orderByIsUnique: true,
        offset: 0,
        limit: 5,
      }),
    ).resolves.toMatchObject({ hasMore: true, nextOffset: 5 });
  });

  it('maps o:errorDetails to clear errors', async () => {
    const k = tbaKit(sb);
    const e1: any = await k
      .run('suiteql', { query: 'SELECT nope, syntax_error FROM transaction t ORDER BY t.id' })
      .catch((e: unknown) => e);
    expect(e1).toMatchObject({
      code: 'CONNECTOR_REJECTED',
      retryable: false,
      connector: 'netsuite',
      action: 'suiteql',
    });
    expect(e1.message).toContain('INVALID_PARAMETER: Invalid search query');
    const e2: any = await k
      .run('updateRecord', { type: 'customer', id: '42', values: { creditlimit: 'abc' } })
      .catch((e: unknown) => e);
    expect(e2).toMatchObject({ record: 'customer/42', details: { errorCodes: ['INVALID_FLD_VALUE'] } });
    expect(e2.message).toContain(
      'INVALID_FLD_VALUE: Invalid Field Value abc for the following field: creditlimit (at creditlimit)',
    );
    const e3: any = await k.run('getRecord', { type: 'invoice', id: '999' }).catch((e: unknown) => e);
    expect(e3).toMatchObject({ code: 'CONNECTOR_NOT_FOUND', record: 'invoice/999' });
  });

  it('updates a record with PATCH', async () => {
    await expect(
      tbaKit(sb).run('updateRecord', { type: 'customer', id: '42', values: { creditlimit: '7500.25' } }),
    ).resolves.toEqual({ type: 'customer', id: '42', updated: true });
    expect(sb.patches.at(-1)).toEqual({ path: 'customer/42', body: { creditlimit: '7500.25' } });
  });

  it('customer statement: open invoices and credit memos, aging buckets, exact totals', async () => {
    const out = (await tbaKit(sb).run('customerStatement', { customerId: '42', asOf: '2024-03-20' })) as any;
    const mine = transactions.filter((t) => t.entity === '42');
    expect(out.lines).toHaveLength(mine.length);
    const big = out.lines.find((l: any) => l.id === '101');
    expect(big).toMatchObject({
      type: 'invoice',
      dueDate: '2024-04-30',
      bucket: 'current',
      open: { amount: '12345678901234.56', currency: 'USD' },
    });
    const credit = out.lines.find((l: any) => l.type === 'creditMemo');
    expect(credit.open.amount.startsWith('-')).toBe(true);
    const usd = out.totals[0];
    expect(usd.currency).toBe('USD');
    // 2/14 due -> 35 days overdue on 3/20.
    // Bucket ids are flow-model's one aging vocabulary.
    expect(Object.keys(usd.buckets)).toEqual(['current', '1-30', '31-60', '61-90', '>90']);
    expect(Number(usd.buckets['31-60'])).toBeGreaterThan(0);
    const cents = mine.reduce(
      (s, t) => s + (t.type === 'CustCred' ? -1n : 1n) * BigInt(t.foreignamountremaining.replace('.', '')),
      0n,
    );
    expect(usd.balance).toBe(`${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`);
  });

  it('open invoices feed: keyset cursor over pages', async () => {
    const k = tbaKit(sb);
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await k.poll('openInvoices', { pageSize: 6 }, cursor);
      ids.push(...page.keys);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(ids).toEqual(transactions.filter((t) => t.type === 'CustInvc').map((t) => t.id));
    expect(cursor).toBeNull();
  });

  it('ES256 JWT, 429 backoff with Retry-After, and the account concurrency limit across calls', async () => {
    const mk = () =>
      jwtKit(prod, { account: '7654321', kid: 'cert-ec', alg: 'ES256', key: pem(ec.privateKey), limit: 2 });
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        mk()
          .run('getRecord', { type: 'invoice', id: '5' })
          .catch((e: unknown) => e as any),
      ),
    );
    // No records on this server: every call ends as not found, after any 429s were retried.
    for (const r of runs) expect(r).toMatchObject({ code: 'CONNECTOR_NOT_FOUND' });
    expect(prod.log.some((l) => l.status === 429)).toBe(true);
    expect(prod.peak).toBeLessThanOrEqual(2);
    const q = (await mk().run('suiteql', { query: 'SELECT t.id FROM transaction t ORDER BY t.id', limit: 5 })) as {
      items: unknown[];
    };
    expect(q.items).toHaveLength(23);
  });

  describe('dunning data: what is overdue on the account date, and the customer fields dunning reads', () => {
    const today = '2024-03-01';
    const account = receivablesAccount(
      today,
      [
        { id: '301', name: 'Dupont SA', email: 'compta@dupont.test', language: 'fr_FR', pausedUntil: '2024-03-15' },
        { id: '302', name: 'Acme Ltd', email: 'ap@acme.test', language: 'en_US', excluded: true },
        {
          id: '303',
          name: 'Martin Frères',
          email: 'ap@martin.test',
          language: 'fr_FR',
          segment: 'At risk',
          directDebit: true,
          mandateReference: 'RUM-303',
          accountManager: 'claire.am',
        },
      ],
      [
        { id: '501', customer: '301', daysOverdue: 20, remaining: '120.00' },
        { id: '502', customer: '301', daysOverdue: -10, remaining: '80.00' },
        { id: '503', customer: '301', daysOverdue: 40, remaining: '0.00', total: '300.00' },
        { id: '504', customer: '302', daysOverdue: 1, remaining: '10.00' },
        { id: '505', customer: '301', daysOverdue: 0, remaining: '55.00' },
        { id: '506', customer: '301', daysOverdue: 5, remaining: '25.00', type: 'CustCred' },
      ],
    );
    let ns: NsServer;
    beforeAll(async () => {
      ns = await startNetSuiteServer({ accountId: '1234567_SB1', tba, currentDate: today, ...account });
    });
    afterAll(async () => ns?.close());

    it('overdueOnly feeds open invoices past their due date: not the paid one, not one due today or later, no credit memo', async () => {
      const page = await tbaKit(ns).poll('openInvoices', { pageSize: 10, overdueOnly: true }, null);
      expect(page.keys).toEqual(['501', '504']);
      expect(page.records[0]).toMatchObject({
        customerId: '301',
        dueDate: '2/10/2024',
        amountRemaining: { amount: '120.00', currency: 'EUR' },
      });
      expect((await tbaKit(ns).poll('openInvoices', { pageSize: 10, overdueOnly: false }, null)).keys).toEqual([
        '501',
        '502',
        '504',
        '505',
      ]);
    });

    it('the customer statement leaves out settled items and ages the rest', async () => {
      const out = (await tbaKit(ns).run('customerStatement', { customerId: '301', asOf: today })) as any;
      expect(out.lines.map((l: any) => [l.id, l.type, l.daysOverdue, l.open.amount])).toEqual([
        ['501', 'invoice', 20, '120.00'],
        ['502', 'invoice', 0, '80.00'],
        ['505', 'invoice', 0, '55.00'],
        ['506', 'creditMemo', 5, '-25.00'],
      ]);
      expect(out.totals).toEqual([expect.objectContaining({ currency: 'EUR', balance: '230.00' })]);
    });

    it('reads the dunning custom fields of a customer, and only the asked fields of an invoice', async () => {
      const k = tbaKit(ns);
      const customer = (await k.run('getRecord', { type: 'customer', id: '301' })) as any;
      expect(customer.record).toMatchObject({
        custentity_lf_dunning_excluded: false,
        custentity_lf_dunning_paused_until: '2024-03-15',
        language: { id: 'fr_FR' },
      });
      expect(
        ((await k.run('getRecord', { type: 'customer', id: '302' })) as any).record.custentity_lf_dunning_excluded,
      ).toBe(true);
      await k.run('updateRecord', {
        type: 'invoice',
        id: '501',
        values: { custbody_lf_dunning_level: 2, custbody_lf_dunning_processed: true },
      });
      const inv = (await k.run('getRecord', {
        type: 'invoice',
        id: '501',
        fields: ['custbody_lf_dunning_level', 'custbody_lf_dunning_processed', 'custbody_lf_dunning_date'],
      })) as any;
      // Empty fields are left out of the body, and numbers keep their source text.
      expect(inv.record).toEqual({ id: '501', custbody_lf_dunning_level: '2', custbody_lf_dunning_processed: true });
    });

    it('reads the collection fields of a customer: the segment as a list value, direct debit, mandate and account manager', async () => {
      const k = tbaKit(ns);
      const martin = (await k.run('getRecord', { type: 'customer', id: '303' })) as any;
      expect(martin.record).toMatchObject({
        custentity_lf_segment: { id: '3', refName: 'At risk' },
        custentity_lf_direct_debit: true,
        custentity_lf_sepa_mandate: 'RUM-303',
        custentity_lf_account_manager: 'claire.am',
      });
      // Never set: the list and text fields are left out of the body, the checkbox reads false.
      const dupont = ((await k.run('getRecord', { type: 'customer', id: '301' })) as any).record;
      expect(dupont.custentity_lf_direct_debit).toBe(false);
      for (const f of ['custentity_lf_segment', 'custentity_lf_sepa_mandate', 'custentity_lf_account_manager'])
        expect(dupont).not.toHaveProperty(f);
    });
  });
});
