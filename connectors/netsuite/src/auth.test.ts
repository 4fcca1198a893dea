import { describe, expect, it } from 'vitest';
import { oauth1Header, signatureBaseString } from './auth.ts';
import { baseUrl, realm } from './connection.ts';
import { addDecimals } from './decimal.ts';

describe('netsuite auth helpers', () => {
  it('derives host and realm from the account id', () => {
    expect(baseUrl({ accountId: '1234567_SB1', auth: { type: 'tba', consumerKey: 'a', tokenId: 'b' } })).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(realm('1234567-sb1')).toBe('1234567_SB1');
  });
  it('includes query parameters in the signature base string, sorted and encoded', () => {
    const s = signatureBaseString('post', 'https://h.example/services/rest/query/v1/suiteql?offset=10&limit=5', { oauth_nonce: 'n', oauth_timestamp: '1' });
    expect(s).toBe('POST&https%3A%2F%2Fh.example%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&limit%3D5%26oauth_nonce%3Dn%26oauth_timestamp%3D1%26offset%3D10');
  });
  it('builds the Authorization header with realm first', () => {
    const h = oauth1Header({ method: 'GET', url: 'https://h/x', account: '123_sb1', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 't', tokenSecret: 'ts', nonce: 'abc', timestamp: 1700000000 });
    expect(h).toMatch(/^OAuth realm="123_SB1", oauth_consumer_key="ck", oauth_token="t", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_nonce="abc", oauth_version="1.0", oauth_signature="[^"]+"$/);
  });
  it('adds decimals exactly', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('12345678901234.56', '-0.56')).toBe('12345678901234.00');
  });
});
