/**
 * Durable record of outgoing messages, keyed by the call's idempotency key, so a retried
 * activity never sends twice. The worker backs it with Postgres; tests use the in-memory one.
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  channel: string;
  to: string[];
  subject: string;
  meta?: Record<string, unknown>;
}

export interface OutboxRecord extends OutboxMessage {
  key: string;
  status: OutboxStatus;
  providerId?: string;
  error?: string;
}

export interface Outbox {
  /** Reserves `key`. Returns null when new; the existing record when the key was already used. */
  reserve(key: string, message: OutboxMessage): Promise<OutboxRecord | null>;
  markSent(key: string, providerId: string): Promise<void>;
  markFailed(key: string, error: string): Promise<void>;
}

export function createMemoryOutbox(): Outbox & { records: Map<string, OutboxRecord> } {
  const records = new Map<string, OutboxRecord>();
  return {
    records,
    async reserve(key, message) {
      const existing = records.get(key);
      if (existing) return { ...existing };
      records.set(key, { ...message, key, status: 'pending' });
      return null;
    },
    async markSent(key, providerId) {
      const r = records.get(key);
      if (r) Object.assign(r, { status: 'sent', providerId });
    },
    async markFailed(key, error) {
      const r = records.get(key);
      if (r) Object.assign(r, { status: 'failed', error });
    },
  };
}
