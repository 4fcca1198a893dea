import { describe, expect, it } from 'vitest';
import { createHttpClient, type HttpRequest } from './http-client.ts';

/** A server stand-in answering the given statuses in turn, recording what each attempt sent. */
function scripted(statuses: number[]) {
  const seen: Array<{ method: string; headers: Record<string, string> }> = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    seen.push({ method: String(init.method), headers: { ...(init.headers as Record<string, string>) } });
    const status = statuses[Math.min(seen.length - 1, statuses.length - 1)]!;
    return new Response(status === 200 ? '{"ok":true}' : 'busy', { status, headers: { 'retry-after': '0' } });
  }) as typeof globalThis.fetch;
  return { seen, client: createHttpClient({ connector: 'c', operation: 'op', fetch, sleep: async () => {} }) };
}

describe('http client retries', () => {
  it('computes the per-attempt headers afresh for every attempt', async () => {
    const { seen, client } = scripted([429, 503, 200]);
    let n = 0;
    const res = await client.request({
      url: 'http://x.test/a',
      headers: { accept: 'application/json' },
      perAttempt: () => ({ authorization: `nonce-${++n}` }),
    });
    expect(res.status).toBe(200);
    expect(seen.map((s) => s.headers.authorization)).toEqual(['nonce-1', 'nonce-2', 'nonce-3']);
    expect(seen.every((s) => s.headers.accept === 'application/json')).toBe(true);
  });

  it('does not repeat a POST without an idempotency key', async () => {
    const { seen, client } = scripted([503, 200]);
    await expect(client.request({ method: 'POST', url: 'http://x.test/a', body: '{}' })).rejects.toMatchObject({
      code: 'CONNECTOR_UNAVAILABLE',
      retryable: true,
    });
    expect(seen).toHaveLength(1);
  });

  it('repeats a POST that carries an idempotency key or is marked idempotent, and any GET', async () => {
    const requests: Array<Omit<HttpRequest, 'url'>> = [
      { method: 'POST', headers: { 'Idempotency-Key': 'k-1' } },
      { method: 'POST', headers: { 'X-NetSuite-Idempotency-Key': 'k-2' } },
      { method: 'POST', idempotent: true },
      { method: 'GET' },
    ];
    for (const req of requests) {
      const { seen, client } = scripted([503, 200]);
      expect((await client.request({ url: 'http://x.test/a', ...req })).status).toBe(200);
      expect(seen).toHaveLength(2);
    }
  });
});
