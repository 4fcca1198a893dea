/**
 * Durable record of outgoing messages, keyed by the call's idempotency key, so a retried
 * activity never sends twice. The worker backs it with Postgres; tests use the in-memory one.
 *
 * A reservation is 'sending' from the moment it is taken: a worker that dies after the server accepted the
 * message leaves it so, and the next attempt knows delivery is uncertain. It becomes 'sent' once the server
 * accepted, 'failed' only when the server definitely did not take it (refused, never reached), and
 * 'uncertain' when an attempt ended without knowing. An uncertain reservation is never downgraded to failed.
 * ('pending' is what older workers wrote before sending: treated as uncertain.)
 */
import { OUTBOX_STATUSES, type OutboxStatus } from '@ledgerflow/flow-model';
export type { OutboxStatus };

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
  /** Reserves `key` ('sending'). Returns null when new; the existing record when the key was already used. */
  reserve(key: string, message: OutboxMessage): Promise<OutboxRecord | null>;
  /** Takes a definitely failed reservation back for a new attempt. */
  markSending(key: string): Promise<void>;
  markSent(key: string, providerId: string): Promise<void>;
  /** The server definitely did not take the message. Ignored once the reservation is sent or uncertain. */
  markFailed(key: string, error: string): Promise<void>;
  /** The attempt ended without knowing whether the server took the message. */
  markUncertain(key: string, error: string): Promise<void>;
}

export function createMemoryOutbox(): Outbox & { records: Map<string, OutboxRecord> } {
  const records = new Map<string, OutboxRecord>();
  const set = (key: string, patch: Partial<OutboxRecord>, unless: OutboxStatus[] = []) => {
    const r = records.get(key);
    if (r && !unless.includes(r.status)) Object.assign(r, patch);
  };
  return {
    records,
    async reserve(key, message) {
      const existing = records.get(key);
      if (existing) return { ...existing };
      records.set(key, { ...message, key, status: 'sending' });
      return null;
    },
    async markSending(key) {
      set(
        key,
        { status: 'sending' },
        OUTBOX_STATUSES.filter((s) => s !== 'failed'),
      );
    },
    async markSent(key, providerId) {
      set(key, { status: 'sent', providerId, error: undefined });
    },
    async markFailed(key, error) {
      set(key, { status: 'failed', error }, ['sent', 'uncertain']);
    },
    async markUncertain(key, error) {
      set(key, { status: 'uncertain', error }, ['sent']);
    },
  };
}
