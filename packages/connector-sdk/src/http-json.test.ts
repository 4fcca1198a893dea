import { describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';

function serving(body: string) {
  const fetch = (async () =>
    new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as unknown as typeof globalThis.fetch;
  return createHttpClient({ connector: 'c', operation: 'op', fetch, sleep: async () => {} });
}

describe('HttpResponse.json() keeps every digit', () => {
  it('returns amounts as exact decimal strings, counts as numbers', async () => {
    const res = await serving(
      '{"amount":12345678901234567890.12,"rate":1.10,"big":9007199254740993,"tiny":1e-7,"count":3,"items":[{"v":0.1}]}',
    ).request({ url: 'http://x.test/a' });
    expect(res.json()).toEqual({
      amount: '12345678901234567890.12',
      rate: '1.10',
      big: '9007199254740993',
      tiny: '0.0000001',
      count: 3,
      items: [{ v: '0.1' }],
    });
  });

  it("gives every number as text with 'text'", async () => {
    const res = await serving('{"creditlimit":5000,"balance":-12.5}').request({ url: 'http://x.test/a' });
    expect(res.json('text')).toEqual({ creditlimit: '5000', balance: '-12.5' });
  });

  it('turns a malformed body into CONNECTOR_MALFORMED_RESPONSE', async () => {
    const res = await serving('{"amount": 1.2').request({ url: 'http://x.test/a' });
    expect(() => res.json()).toThrow(expect.objectContaining({ code: 'CONNECTOR_MALFORMED_RESPONSE' }));
  });
});
