import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

import type { OutboxStatus } from '@ledgerflow/flow-model';

export type OutboxRow = {
  key: string;
  channel: string;
  recipients: string[];
  subject: string;
  status: OutboxStatus;
  error: string | null;
  meta: Record<string, unknown>;
  created_at: Date | string;
};

/** What the connector SDK's Outbox reserve returns for a key already used. */
export interface OutboxReservation {
  key: string;
  channel: string;
  to: string[];
  subject: string;
  status: OutboxStatus;
  providerId?: string;
  error?: string;
}

/** A task notice claimed by the dispatcher. */
export interface ClaimedNotice {
  key: string;
  meta: { taskId?: string; kind?: string; users?: string[] };
}

const ERROR_MAX = 2000;

/**
 * outbox_messages: every outgoing message, keyed by the idempotency key of the call that sent it, and the task
 * notices waiting to be mailed. The connector SDK's Outbox methods (reserve … markUncertain) make
 * `insert ... on conflict do nothing` the atomic reservation, and keep the status guards in the statements, so a
 * late or concurrent attempt cannot downgrade what another one recorded (sent stays sent; uncertain never
 * becomes failed).
 */
export function createOutboxStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async reserve(
      key: string,
      m: { channel: string; to: string[]; subject: string; meta?: Record<string, unknown> },
    ): Promise<OutboxReservation | null> {
      const inserted = await conn().execute<Array<{ key: string }>>(
        `insert into outbox_messages(key, channel, recipients, subject, status, meta) values (?, ?, ?::text[], ?, 'sending', ?::jsonb) on conflict (key) do nothing returning key`,
        [key, m.channel, pgTextArray(m.to), m.subject, JSON.stringify(m.meta ?? {})],
      );
      if (inserted.length === 1) return null;
      const [row] = await conn().execute<
        Array<{
          key: string;
          channel: string;
          recipients: string[];
          subject: string;
          status: OutboxStatus;
          provider_id: string | null;
          error: string | null;
        }>
      >('select key, channel, recipients, subject, status, provider_id, error from outbox_messages where key = ?', [
        key,
      ]);
      if (!row) return null;
      return {
        key: row.key,
        channel: row.channel,
        to: row.recipients,
        subject: row.subject,
        status: row.status,
        providerId: row.provider_id ?? undefined,
        error: row.error ?? undefined,
      };
    },
    async markSending(key: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'sending', updated_at = now() where key = ? and status = 'failed'`,
        [key],
      );
    },
    async markSent(key: string, providerId: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'sent', provider_id = ?, error = null, updated_at = now() where key = ?`,
        [providerId, key],
      );
    },
    async markFailed(key: string, error: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'failed', error = ?, updated_at = now() where key = ? and status not in ('sent', 'uncertain')`,
        [error.slice(0, ERROR_MAX), key],
      );
    },
    async markUncertain(key: string, error: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'uncertain', error = ?, updated_at = now() where key = ? and status <> 'sent'`,
        [error.slice(0, ERROR_MAX), key],
      );
    },

    /** Records a task notice ('pending') once per key: a retried activity records it once. */
    async insertNotice(
      key: string,
      n: { to: string[]; subject: string; meta: Record<string, unknown> },
    ): Promise<void> {
      await conn().execute(
        `insert into outbox_messages (key, channel, recipients, subject, status, meta) values (?, 'email', ?::text[], ?, 'pending', ?::jsonb) on conflict (key) do nothing`,
        [key, pgTextArray(n.to), n.subject, JSON.stringify(n.meta)],
      );
    },
    /** Notices a dead worker left 'sending' longer than `stale` (a Postgres interval) go back to the queue. */
    async releaseStaleNotices(stale: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'pending' where status = 'sending' and key like 'task:%' and updated_at < now() - ?::interval`,
        [stale],
      );
    },
    /** Claims up to `batch` pending notices; SKIP LOCKED lets several workers share the queue. */
    async claimNotices(batch: number): Promise<ClaimedNotice[]> {
      return conn().execute<ClaimedNotice[]>(
        `update outbox_messages set status = 'sending', updated_at = now()
          where key in (select key from outbox_messages where channel = 'email' and status = 'pending' and key like 'task:%' order by created_at limit ? for update skip locked)
          returning key, meta`,
        [batch],
      );
    },
    async releaseNotices(keys: string[]): Promise<void> {
      await conn().execute(`update outbox_messages set status = 'pending' where key = any(?::text[])`, [
        pgTextArray(keys),
      ]);
    },
    async markNoticeSent(key: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'sent', error = null, updated_at = now() where key = ?`,
        [key],
      );
    },
    async markNoticeFailed(key: string, error: string): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = 'failed', error = ?, updated_at = now() where key = ?`,
        [error.slice(0, ERROR_MAX), key],
      );
    },

    /** The outbox panel, newest first. */
    async list(q: { channel?: string; taskId?: string; limit?: number; offset?: number }): Promise<OutboxRow[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.channel) (where.push('channel = ?'), params.push(q.channel));
      if (q.taskId) (where.push(`meta->>'taskId' = ?`), params.push(q.taskId));
      return conn().execute<OutboxRow[]>(
        `select key, channel, recipients, subject, status, error, meta, created_at from outbox_messages ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, key limit ? offset ?`,
        [...params, q.limit ?? 50, q.offset ?? 0],
      );
    },
    /** Emails (not task notices) sent by these runs: the email connector keys each by its run's workflow id, then node and visit. */
    async emailsOfWorkflows(workflowIds: string[], limit = 500): Promise<OutboxRow[]> {
      return conn().execute<OutboxRow[]>(
        `select o.key, o.channel, o.recipients, o.subject, o.status, o.error, o.meta, o.created_at from outbox_messages o
          where o.channel = 'email' and o.key not like 'task:%' and exists (select 1 from unnest(?::text[]) w(id) where o.key like replace(replace(replace(w.id, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || ':%')
          order by o.created_at desc limit ?`,
        [pgTextArray(workflowIds), limit],
      );
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;

/** The connector SDK's Outbox on Postgres (the name its importers know). */
export const createPgOutbox = (
  em: EntityManager,
): Pick<OutboxStore, 'reserve' | 'markSending' | 'markSent' | 'markFailed' | 'markUncertain'> => createOutboxStore(em);
