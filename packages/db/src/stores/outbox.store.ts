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
  attempts: number;
  next_attempt_at: Date | string | null;
  last_error: string | null;
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
  subject: string;
  /** Attempts made before this one. */
  attempts: number;
  meta: { taskId?: string; kind?: string; users?: string[] };
}

/** A recipient of a task's notice who was not reached: no address (or disabled), or every attempt failed. */
export type UnreachableRow = {
  notice_key: string;
  username: string;
  status: OutboxStatus;
  error: string | null;
  at: Date | string;
};

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
    /** Claims up to `batch` due pending notices; SKIP LOCKED lets several workers share the queue. */
    async claimNotices(batch: number): Promise<ClaimedNotice[]> {
      return conn().execute<ClaimedNotice[]>(
        `update outbox_messages set status = 'sending', updated_at = now()
          where key in (select key from outbox_messages where channel = 'email' and status = 'pending' and key like 'task:%'
            and (next_attempt_at is null or next_attempt_at <= now()) order by created_at limit ? for update skip locked)
          returning key, subject, attempts, meta`,
        [batch],
      );
    },
    async releaseNotices(keys: string[]): Promise<void> {
      await conn().execute(`update outbox_messages set status = 'pending' where key = any(?::text[])`, [
        pgTextArray(keys),
      ]);
    },
    /** The attempt ended: 'sent' (someone was mailed), 'no_address' (nobody could be), or 'failed' for good. */
    async settleNotice(key: string, status: OutboxStatus, error: string | null): Promise<void> {
      await conn().execute(
        `update outbox_messages set status = ?, error = ?, last_error = coalesce(?, last_error), attempts = attempts + 1,
          next_attempt_at = null, updated_at = now() where key = ?`,
        [status, error?.slice(0, ERROR_MAX) ?? null, error?.slice(0, ERROR_MAX) ?? null, key],
      );
    },
    /**
     * A failed attempt: back to 'pending', due again after `delayMs`, or 'failed' once `maxAttempts` are spent.
     * Returns the status it left the notice in.
     */
    async retryNotice(key: string, error: string, delayMs: number, maxAttempts: number): Promise<OutboxStatus | null> {
      const [row] = await conn().execute<Array<{ status: OutboxStatus }>>(
        `update outbox_messages set attempts = attempts + 1, error = ?, last_error = ?, updated_at = now(),
          status = case when attempts + 1 >= ? then 'failed' else 'pending' end,
          next_attempt_at = case when attempts + 1 >= ? then null else now() + ? * interval '1 millisecond' end
          where key = ? returning status`,
        [error.slice(0, ERROR_MAX), error.slice(0, ERROR_MAX), maxAttempts, maxAttempts, delayMs, key],
      );
      return row?.status ?? null;
    },
    /** One recipient of notice `m.notice` has no address: recorded under the key its email would have had. */
    async recordNoAddress(mailKey: string, m: { notice: string; username: string; subject: string }): Promise<void> {
      // A failed earlier try (the address since removed) becomes no_address; sent or in-flight stays as it is.
      await conn().execute(
        `insert into outbox_messages (key, channel, recipients, subject, status, error, meta)
          values (?, 'email', '{}', ?, 'no_address', 'no email address', ?::jsonb)
          on conflict (key) do update set status = 'no_address', error = excluded.error, updated_at = now()
          where outbox_messages.status in ('failed', 'no_address')`,
        [mailKey, m.subject, JSON.stringify({ notice: m.notice, username: m.username })],
      );
    },
    /** The recipient has an address now: no email was ever sent under this key, so it starts afresh. */
    async clearNoAddress(mailKey: string): Promise<void> {
      await conn().execute(`delete from outbox_messages where key = ? and status = 'no_address'`, [mailKey]);
    },
    async getNotice(
      key: string,
    ): Promise<{ key: string; status: OutboxStatus; attempts: number; meta: ClaimedNotice['meta'] } | null> {
      const [row] = await conn().execute<
        Array<{ key: string; status: OutboxStatus; attempts: number; meta: ClaimedNotice['meta'] }>
      >(`select key, status, attempts, meta from outbox_messages where key = ? and key like 'task:%'`, [key]);
      return row ?? null;
    },
    /** Puts a failed or no-address notice back in the queue, with a fresh count of attempts. False: it was neither. */
    async requeueNotice(key: string, recipients: string[]): Promise<boolean> {
      const rows = await conn().execute<Array<{ key: string }>>(
        `update outbox_messages set status = 'pending', recipients = ?::text[], attempts = 0, next_attempt_at = null,
          error = null, updated_at = now() where key = ? and key like 'task:%' and status in ('failed', 'no_address') returning key`,
        [pgTextArray(recipients), key],
      );
      return rows.length === 1;
    },
    /** Who the task's notices did not reach: recipients without an address, and those of notices that failed. */
    async unreachableOfTask(taskId: string): Promise<UnreachableRow[]> {
      return conn().execute<UnreachableRow[]>(
        `select n.key as notice_key, u.username, coalesce(r.status, n.status) as status, coalesce(r.error, n.error) as error,
            coalesce(r.updated_at, n.updated_at) as at
          from outbox_messages n
          cross join lateral jsonb_array_elements_text(coalesce(n.meta->'users', '[]'::jsonb)) u(username)
          left join outbox_messages r on r.key = 'notice:' || n.key || ':' || u.username
          where (n.meta->>'taskId') = ? and n.key like 'task:%'
            and (r.status = 'no_address' or (n.status = 'failed' and r.status is distinct from 'sent'))
          order by n.created_at, u.username`,
        [taskId],
      );
    },

    /** The outbox panel, newest first. */
    async list(q: {
      channel?: string;
      taskId?: string;
      key?: string;
      limit?: number;
      offset?: number;
    }): Promise<OutboxRow[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.key) (where.push('key = ?'), params.push(q.key));
      if (q.channel) (where.push('channel = ?'), params.push(q.channel));
      if (q.taskId) (where.push(`meta->>'taskId' = ?`), params.push(q.taskId));
      return conn().execute<OutboxRow[]>(
        `select key, channel, recipients, subject, status, error, meta, created_at, attempts, next_attempt_at, last_error from outbox_messages ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, key limit ? offset ?`,
        [...params, q.limit ?? 50, q.offset ?? 0],
      );
    },
    /** Emails (not task notices) sent by these runs: the email connector keys each by its run's workflow id, then node and visit. */
    async emailsOfWorkflows(workflowIds: string[], limit = 500): Promise<OutboxRow[]> {
      return conn().execute<OutboxRow[]>(
        `select o.key, o.channel, o.recipients, o.subject, o.status, o.error, o.meta, o.created_at, o.attempts, o.next_attempt_at, o.last_error from outbox_messages o
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
