// The outbox panel: task notices (recorded by the engine's task notifier, mailed by the worker's notice
// dispatcher) and the connectors' emails, newest first; resending a notice that did not get through; and who a
// task's notices did not reach.
import type { FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError } from '@ledgerflow/flow-model';
import { createOutboxStore, createUserStore, pgTimestampIso, type MikroORM, type OutboxRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';

const iso = (v: Date | string | null) => (v === null ? null : pgTimestampIso(v));

function outboxItem(r: OutboxRow) {
  return {
    key: r.key,
    channel: r.channel,
    recipients: r.recipients,
    subject: r.subject,
    status: r.status,
    error: r.error,
    meta: r.meta,
    createdAt: pgTimestampIso(r.created_at),
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error,
  };
}

export async function listOutbox(
  orm: MikroORM,
  q: { channel?: string; taskId?: string; limit?: number; offset?: number },
) {
  const rows = await createOutboxStore(orm.em.fork()).list(q);
  return { items: rows.map(outboxItem) };
}

/**
 * Back to the queue: a failed notice as it is, a no-address one only when a recipient has an address now (the
 * recipients are resolved again, so a user given an email since is written to). The dispatcher then mails whoever
 * was not mailed: each email keeps its key, so one already sent is not sent again, and an uncertain one is resent
 * under the same Message-ID.
 */
export async function resendNotice(deps: AppDeps, req: FastifyRequest, key: string) {
  const em = deps.orm.em.fork();
  const outbox = createOutboxStore(em);
  const notice = await outbox.getNotice(key);
  if (!notice) throw new NotFoundError('Task notice', key);
  if (notice.status !== 'failed' && notice.status !== 'no_address')
    throw new ConflictError(
      'NOTICE_NOT_RESENDABLE',
      `Task notice '${key}' is ${notice.status}: only failed or no-address notices are resent`,
      {
        key,
        status: notice.status,
      },
    );
  const contacts = await createUserStore(em).contactsByUsername(notice.meta.users ?? []);
  const addresses = contacts.map((c) => c.email).filter((e): e is string => !!e);
  if (notice.status === 'no_address' && !addresses.length)
    throw new ConflictError('NOTICE_NO_ADDRESS', `Nobody task notice '${key}' is for has an email address yet`, {
      key,
      users: notice.meta.users ?? [],
    });
  if (!(await outbox.requeueNotice(key, addresses)))
    throw new ConflictError('NOTICE_NOT_RESENDABLE', `Task notice '${key}' changed meanwhile`, { key });
  await recordAudit(deps, req, {
    action: 'notice.resent',
    targetType: 'notice',
    targetId: key,
    before: { status: notice.status, attempts: notice.attempts },
    after: { status: 'pending', attempts: 0 },
    details: { taskId: notice.meta.taskId, recipients: addresses },
  });
  const [row] = await outbox.list({ key });
  return outboxItem(row!);
}

/** The task page's warning: each recipient once, with the latest notice that did not reach them. */
export async function unreachableOfTask(orm: MikroORM, taskId: string) {
  const rows = await createOutboxStore(orm.em.fork()).unreachableOfTask(taskId);
  const latest = new Map(rows.map((r) => [r.username, r]));
  return [...latest.values()].map((r) => ({
    username: r.username,
    status: r.status,
    noticeKey: r.notice_key,
    error: r.error,
    at: pgTimestampIso(r.at),
  }));
}
