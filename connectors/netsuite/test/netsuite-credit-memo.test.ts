// Credit memos from disputes: one dispute (external id), one credit memo, across retries and lost answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorTestKit } from '@ledgerflow/connector-sdk';
import { connector } from '../src/index.ts';
import { startNetSuiteServer, type NsServer } from './netsuite-test-server.ts';

const tba = { consumerKey: 'ck-1', consumerSecret: 'cs-secret', tokenId: 'tok-1', tokenSecret: 'ts-secret' };
let ns: NsServer;
const kit = () =>
  connectorTestKit(connector, {
    connection: {
      config: {
        accountId: '1234567_SB1',
        baseUrl: ns.baseUrl,
        auth: { type: 'tba', consumerKey: tba.consumerKey, tokenId: tba.tokenId },
      },
      secrets: { consumerSecret: tba.consumerSecret, tokenSecret: tba.tokenSecret },
    },
  });
const dispute = (externalId: string, amount = '1250.10', customerId = '42', currency = 'EUR') => ({
  externalId,
  customerId,
  amount: { amount, currency },
  itemId: '77',
  createdFrom: '1001',
  memo: `Dispute ${externalId}`,
});
const mine = (eid: string) => ns.created.filter((c) => c.body.externalId === eid);
const posts = () => ns.log.filter((l) => l.method === 'POST');

beforeAll(async () => {
  ns = await startNetSuiteServer({
    accountId: '1234567_SB1',
    tba,
    transactions: [],
    records: {
      'customer/42': { id: '42', companyName: 'Dupont SA', currency: 'EUR' },
      'customer/43': { id: '43', companyName: 'Acme Inc', currency: 'USD' },
    },
  });
});
afterAll(() => ns?.close());
beforeEach(() => void (ns.log.length = 0));

describe('netsuite createCreditMemo', () => {
  it('creates the credit memo with the external id and an exact line, and returns its document number', async () => {
    const out = await kit().run('createCreditMemo', dispute('DSP-2026-0001', '12345678901234.56'));
    expect(out).toEqual({
      id: expect.stringMatching(/^\d+$/),
      tranId: expect.stringMatching(/^CM\d+$/),
      externalId: 'DSP-2026-0001',
      created: true,
      total: { amount: '12345678901234.56', currency: 'EUR' },
    });
    expect(mine('DSP-2026-0001')).toHaveLength(1);
    expect(mine('DSP-2026-0001')[0]!.body).toMatchObject({
      entity: { id: '42' },
      createdFrom: { id: '1001' },
      item: { items: [{ item: { id: '77' }, quantity: 1, rate: '12345678901234.56', amount: '12345678901234.56' }] },
    });
  });

  it('a second run for the same dispute returns the existing credit memo and posts nothing', async () => {
    const first = await kit().run('createCreditMemo', dispute('DSP-2026-0002'));
    ns.log.length = 0;
    const again = await kit().run('createCreditMemo', dispute('DSP-2026-0002'));
    expect(again).toEqual({ ...(first as object), created: false });
    expect(posts()).toHaveLength(0);
    expect(mine('DSP-2026-0002')).toHaveLength(1);
  });

  it('a retry after a lost answer finds the credit memo the lost POST created: no duplicate', async () => {
    ns.loseResponse(/\/record\/v1\/creditmemo$/);
    const err: any = await kit()
      .run('createCreditMemo', dispute('DSP-2026-0003', '480.00'))
      .catch((e: unknown) => e);
    // The engine retries an activity whose error is retryable; here the test is the engine.
    expect(err).toMatchObject({
      retryable: true,
      connector: 'netsuite',
      action: 'createCreditMemo',
      record: 'creditMemo/eid:DSP-2026-0003',
    });
    expect(mine('DSP-2026-0003')).toHaveLength(1);
    const retry = await kit().run('createCreditMemo', dispute('DSP-2026-0003', '480.00'));
    expect(retry).toMatchObject({ created: false, total: { amount: '480.00', currency: 'EUR' } });
    expect(mine('DSP-2026-0003')).toHaveLength(1);
    expect((retry as { id: string }).id).toBe(mine('DSP-2026-0003')[0]!.path.split('/')[1]);
  });

  it('an external id taken by another customer, or a memo in another currency, is a clear non-retryable error', async () => {
    await kit().run('createCreditMemo', dispute('DSP-2026-0004'));
    const taken: any = await kit()
      .run('createCreditMemo', dispute('DSP-2026-0004', '10.00', '43', 'USD'))
      .catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'NETSUITE_EXTERNAL_ID_TAKEN', retryable: false });
    expect(taken.message).toContain('customer 42');
    const currency: any = await kit()
      .run('createCreditMemo', dispute('DSP-2026-0005', '10.00', '43', 'EUR'))
      .catch((e: unknown) => e);
    expect(currency).toMatchObject({ code: 'NETSUITE_CURRENCY_MISMATCH', record: 'creditMemo/eid:DSP-2026-0005' });
    ns.log.length = 0;
    const bad: any = await kit()
      .run('createCreditMemo', dispute('DSP-2026-0006', '0.00'))
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'CONNECTOR_INPUT_INVALID', retryable: false });
    expect(posts()).toHaveLength(0);
  });
});
