// Signs a webhook request the way a source system must: HMAC-SHA256 of "<timestamp>.<delivery id>.<raw body>".
import { createHmac, randomUUID } from 'node:crypto';

/** Headers for one delivery of `body` (a new delivery id and the current time unless given). */
export function hookHeaders(
  secret: string,
  body: string,
  opts: { timestamp?: number; delivery?: string } = {},
): Record<string, string> {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const delivery = opts.delivery ?? randomUUID();
  const signature = createHmac('sha256', secret).update(`${timestamp}.${delivery}.${body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'x-ledgerflow-timestamp': timestamp,
    'x-ledgerflow-delivery': delivery,
    'x-ledgerflow-signature': `sha256=${signature}`,
  };
}
