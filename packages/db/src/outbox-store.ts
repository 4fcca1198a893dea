import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from './pg-array.ts';

type Status = 'pending' | 'sending' | 'uncertain' | 'sent' | 'failed';

interface OutboxLike {
  reserve(key: string, m: { channel: string; to: string[]; subject: string; meta?: Record<string, unknown> }): Promise<null | { key: string; channel: string; to: string[]; subject: string; status: Status; providerId?: string; error?: string }>;
  markSending(key: string): Promise<void>;
  markSent(key: string, providerId: string): Promise<void>;
  markFailed(key: string, error: string): Promise<void>;
  markUncertain(key: string, error: string): Promise<void>;
}

/**
 * The connector SDK's Outbox on Postgres: `insert ... on conflict do nothing` makes reserve atomic.
 * The status guards live in the statements, so a late or concurrent attempt cannot downgrade what
 * another one recorded (sent stays sent; uncertain never becomes failed).
 */
export function createPgOutbox(em: EntityManager): OutboxLike {
  const conn = () => em.getConnection();
  return {
    async reserve(key, m) {
      const inserted = await conn().execute<Array<{ key: string }>>(
        `insert into outbox_messages(key, channel, recipients, subject, status, meta) values (?, ?, ?::text[], ?, 'sending', ?::jsonb) on conflict (key) do nothing returning key`,
        [key, m.channel, pgTextArray(m.to), m.subject, JSON.stringify(m.meta ?? {})],
      );
      if (inserted.length === 1) return null;
      const [row] = await conn().execute<Array<{ key: string; channel: string; recipients: string[]; subject: string; status: Status; provider_id: string | null; error: string | null }>>(
        'select key, channel, recipients, subject, status, provider_id, error from outbox_messages where key = ?',
        [key],
      );
      if (!row) return null;
      return { key: row.key, channel: row.channel, to: row.recipients, subject: row.subject, status: row.status, providerId: row.provider_id ?? undefined, error: row.error ?? undefined };
    },
    async markSending(key) {
      await conn().execute(`update outbox_messages set status = 'sending', updated_at = now() where key = ? and status = 'failed'`, [key]);
    },
    async markSent(key, providerId) {
      await conn().execute(`update outbox_messages set status = 'sent', provider_id = ?, error = null, updated_at = now() where key = ?`, [providerId, key]);
    },
    async markFailed(key, error) {
      await conn().execute(`update outbox_messages set status = 'failed', error = ?, updated_at = now() where key = ? and status not in ('sent', 'uncertain')`, [error.slice(0, 2000), key]);
    },
    async markUncertain(key, error) {
      await conn().execute(`update outbox_messages set status = 'uncertain', error = ?, updated_at = now() where key = ? and status <> 'sent'`, [error.slice(0, 2000), key]);
    },
  };
}
