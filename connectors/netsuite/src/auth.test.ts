import { describe, expect, it } from 'vitest';
import { oauth1Header, signatureBaseString } from './auth.ts';
import { baseUrl, realm } from './connection.ts';
import { sumDecimals } from '@ledgerflow/flow-model';
import type { NsContext } from './auth.ts';
import { nsMoney } from './client.ts';

describe('netsuite auth helpers', () => {
  it('derives host and realm from the account id', () => {
    expect(baseUrl({ accountId: '1234567_SB1', auth: { type: 'tba', consumerKey: 'a', tokenId: 'b' } })).toBe(
      'https://1234567-sb1.suitetalk.api.netsuite.com',
    );
    expect(realm('1234567-sb1')).toBe('1234567_SB1');
  });
  it('includes query parameters in the signature base string, sorted and encoded', () => {
    const s = signatureBaseString('post', 'https://h.example/services/rest/query/v1/suiteql?offset=10&limit=5', {
      oauth_nonce: 'n',
      oauth_timestamp: '1',
    });
    expect(s).toBe(
      'POST&https%3A%2F%2Fh.example%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&limit%3D5%26oauth_nonce%3Dn%26oauth_timestamp%3D1%26offset%3D10',
    );
  });
  it('builds the Authorization header with realm first', () => {
    const h = oauth1Header({
      method: 'GET',
      url: 'https://h/x',
      account: '123_sb1',
      consumerKey: 'ck',
      consumerSecret: 'cs',
      tokenId: 't',
      tokenSecret: 'ts',
      nonce: 'abc',
      timestamp: 1700000000,
    });
    expect(h).toMatch(
      /^OAuth realm="123_SB1", oauth_consumer_key="ck", oauth_token="t", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_nonce="abc", oauth_version="1.0", oauth_signature="[^"]+"$/,
    );
  });
  it('adds decimals exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['12345678901234.56', '-0.56'])).toBe('12345678901234.00');
  });
  it('reads amounts through the money module: ".5" is 0.5, a missing currency is malformed', () => {
    const ctx = { connectorId: 'netsuite', operation: 'openInvoices' } as NsContext;
    expect(nsMoney(ctx, '.5', 'EUR', '7', 'foreigntotal')).toEqual({ amount: '0.5', currency: 'EUR' });
    expect(nsMoney(ctx, '-.50', 'JPY', '7', 'foreigntotal')).toEqual({ amount: '-0.50', currency: 'JPY' });
    expect(() => nsMoney(ctx, '12', null, '7', 'foreigntotal')).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_MALFORMED_RESPONSE', record: '7' }),
    );
    expect(() => nsMoney(ctx, '1e5', 'EUR', '7', 'foreigntotal')).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_MALFORMED_RESPONSE' }),
    );
  });
});
