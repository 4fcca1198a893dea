import { isIPv4 } from 'node:net';

const WINDOW_MS = 60_000;

export interface MailInRateLimit {
  /** Counts one message from this client IP and answers true, or answers false when it has had its share. */
  take(ip: string): boolean;
  /** True the first time an IP is refused for a flow within the window: a flood is recorded once, not per attempt. */
  firstRefusal(ip: string, flowId: string): boolean;
}

/** IPv4 clients reach a dual-stack listener as ::ffff:a.b.c.d: the same sender under either form. */
const clientKey = (ip: string) => (/^::ffff:/i.test(ip) && isIPv4(ip.slice(7)) ? ip.slice(7) : ip);

/**
 * Messages per client IP over a sliding minute. Only taken messages count, so a sending server that retries after
 * its 450 gets through once the minute has moved on. Memory stays bounded: an IP is forgotten a minute after its
 * last message, swept at most once a minute.
 */
export function createMailInRateLimit(perMinute: number, now: () => number = Date.now): MailInRateLimit {
  const sent = new Map<string, number[]>();
  const refused = new Map<string, number>();
  let sweptAt = now();
  const sweep = (t: number) => {
    if (t - sweptAt < WINDOW_MS) return;
    sweptAt = t;
    for (const [ip, stamps] of sent) if (stamps[stamps.length - 1]! <= t - WINDOW_MS) sent.delete(ip);
    for (const [key, at] of refused) if (at <= t - WINDOW_MS) refused.delete(key);
  };
  return {
    take(ip) {
      const t = now();
      sweep(t);
      const key = clientKey(ip);
      const stamps = (sent.get(key) ?? []).filter((s) => s > t - WINDOW_MS);
      const ok = stamps.length < perMinute;
      if (ok) stamps.push(t);
      sent.set(key, stamps);
      return ok;
    },
    firstRefusal(ip, flowId) {
      const t = now();
      const key = `${clientKey(ip)} ${flowId}`;
      const at = refused.get(key);
      if (at !== undefined && at > t - WINDOW_MS) return false;
      refused.set(key, t);
      return true;
    },
  };
}
