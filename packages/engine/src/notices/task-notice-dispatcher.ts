// Delivers the task notices the inbox records (assigned, reminded, escalated, delegated, reassigned) as
// emails through an email connection, in each recipient's language. Notices are claimed with SKIP LOCKED,
// so several workers share the work; each email is keyed by notice and recipient, so a retried or
// re-claimed notice never mails anyone twice (the email connector's outbox remembers what it sent).
// A recipient without an address is recorded as 'no_address' under that key, never as sent. A failed attempt
// puts the notice back in the queue after a backoff, until the attempts run out and it is 'failed'.
import {
  createConnectionStore,
  createOutboxStore,
  createPgOutbox,
  createTaskStore,
  createUserStore,
  type ClaimedNotice,
  type MikroORM,
  type SecretBox,
} from '@ledgerflow/db';
import { createLetterTemplateSource } from '../letters/letter-templates.ts';
import { invokeAction, type ConnectionValue, type ConnectorRegistry, type Logger } from '@ledgerflow/connector-sdk';

const TEMPLATE: Record<string, string> = {
  created: 'task-assigned',
  delegated: 'task-assigned',
  reassigned: 'task-assigned',
  reminded: 'task-reminder',
  escalated: 'task-escalated',
};
const BATCH = 20;
/** A notice left "sending" this long belongs to a worker that died: it goes back to the queue. */
const STALE_SENDING = '5 minutes';
/** Delay before the 1st, 2nd, … retry; the last one repeats. */
export const DEFAULT_NOTICE_BACKOFF_MS = [60_000, 300_000, 900_000, 3_600_000];
export const DEFAULT_NOTICE_MAX_ATTEMPTS = 5;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "1m,5m,15m,60m" (units ms, s, m, h) as milliseconds; undefined or empty gives the defaults. */
export function parseNoticeBackoff(spec: string | undefined): number[] {
  if (!spec?.trim()) return DEFAULT_NOTICE_BACKOFF_MS;
  return spec.split(',').map((part) => {
    const m = /^\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!m) throw new Error(`notice backoff '${part}' is not a number with a unit (ms, s, m, h)`);
    return Number(m[1]) * UNIT_MS[m[2]!]!;
  });
}

export interface TaskNoticeDeps {
  orm: MikroORM;
  registry: ConnectorRegistry;
  secrets: SecretBox;
  logger: Logger;
}
export interface TaskNoticeOptions {
  /** Name (or id) of the email connection that sends the notices. */
  connection: string;
  /** Base URL of the designer, for the "open the task" link. */
  publicUrl: string;
  intervalMs?: number;
  /** Delay before each retry of a failed notice (default 1, 5, 15, 60 minutes; the last repeats). */
  retryBackoffMs?: number[];
  /** Attempts before a notice is 'failed' (default 5). */
  maxAttempts?: number;
}

/** What one attempt at a notice did for each of its recipients. */
type Delivery = { sent: number; noAddress: number; errors: string[] };

class NoticeGoneError extends Error {}

export function startTaskNoticeDispatcher(
  deps: TaskNoticeDeps,
  opts: TaskNoticeOptions,
): { runOnce(): Promise<{ sent: number; failed: number }>; stop(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const outbox = () => createOutboxStore(deps.orm.em.fork());
  // Notices are letters too: a process owner's edit of task-reminder is what assignees receive.
  const letters = createLetterTemplateSource(deps.orm, deps.registry);

  async function connection(): Promise<ConnectionValue | null> {
    const c = await createConnectionStore(deps.orm.em.fork()).findByIdOrName(opts.connection);
    if (!c || c.connector_id !== 'email') return null;
    return { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
  }

  async function deliver(n: ClaimedNotice, mail: ConnectionValue): Promise<Delivery> {
    const kind = n.meta.kind ?? 'created';
    const em = deps.orm.em.fork();
    const task = n.meta.taskId ? await createTaskStore(em).noticeContext(n.meta.taskId) : null;
    if (!task) throw new NoticeGoneError(`task ${n.meta.taskId ?? '?'} no longer exists`);
    const names = n.meta.users ?? [];
    // Disabled users are left out here, so they count as having no address.
    const contacts = new Map((await createUserStore(em).contactsByUsername(names)).map((u) => [u.username, u]));
    const email = deps.registry.get('email');
    if (!email) throw new Error('the email connector is not installed');
    const done: Delivery = { sent: 0, noAddress: 0, errors: [] };
    for (const username of names) {
      const mailKey = `notice:${n.key}:${username}`;
      const u = contacts.get(username);
      if (!u?.email) {
        await outbox().recordNoAddress(mailKey, { notice: n.key, username, subject: n.subject });
        done.noAddress++;
        continue;
      }
      await outbox().clearNoAddress(mailKey);
      // One recipient's failure must not keep the others from their mail; the retry skips those already sent.
      try {
        await invokeAction(
          email,
          'send',
          {
            to: [u.email],
            template: TEMPLATE[kind] ?? 'task-assigned',
            language: u.locale,
            data: {
              assignee: { name: u.display_name },
              task: {
                title: task.title,
                dueDate: task.due_at ? new Date(task.due_at).toISOString() : null,
                url: `${opts.publicUrl.replace(/\/$/, '')}/#/inbox/${n.meta.taskId}`,
              },
              flow: { name: task.flow_name },
            },
          },
          {
            connection: mail,
            idempotencyKey: mailKey,
            logger: deps.logger,
            outbox: createPgOutbox(deps.orm.em.fork()),
            templates: letters,
          },
        );
        done.sent++;
      } catch (err) {
        done.errors.push(`${username}: ${(err as Error).message}`);
      }
    }
    return done;
  }

  const backoff = opts.retryBackoffMs?.length ? opts.retryBackoffMs : DEFAULT_NOTICE_BACKOFF_MS;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_NOTICE_MAX_ATTEMPTS;
  /** Records a failed attempt: retried later, or failed when it was the last one. True when it is now failed. */
  async function attemptFailed(n: ClaimedNotice, error: string): Promise<boolean> {
    const delay = backoff[Math.min(n.attempts, backoff.length - 1)]!;
    const status = await outbox().retryNotice(n.key, error, delay, maxAttempts);
    deps.logger.warn({ key: n.key, attempt: n.attempts + 1, status, error }, 'task notice not sent');
    return status === 'failed';
  }

  let passes = 0;
  async function runOnce(): Promise<{ sent: number; failed: number }> {
    // Idle passes cost one indexed statement: stale claims are swept once a minute, the connection is read only with work.
    if (passes++ % 30 === 0) {
      await outbox().releaseStaleNotices(STALE_SENDING);
    }
    const claimed = await outbox().claimNotices(BATCH);
    if (!claimed.length) return { sent: 0, failed: 0 };
    const mail = await connection();
    if (!mail) {
      // No email connection (yet): the notices wait, visible in the outbox panel.
      await outbox().releaseNotices(claimed.map((n) => n.key));
      return { sent: 0, failed: 0 };
    }
    let sent = 0;
    let failed = 0;
    for (const n of claimed) {
      try {
        const d = await deliver(n, mail);
        if (d.errors.length) {
          if (await attemptFailed(n, d.errors.join('; '))) failed++;
        } else if (d.sent > 0) {
          await outbox().settleNotice(n.key, 'sent', null);
          sent++;
        } else {
          await outbox().settleNotice(
            n.key,
            'no_address',
            d.noAddress ? 'no recipient has an email address' : 'no recipient',
          );
        }
      } catch (err) {
        const message = String((err as Error).message);
        if (err instanceof NoticeGoneError) {
          await outbox().settleNotice(n.key, 'failed', message);
          failed++;
        } else if (await attemptFailed(n, message)) failed++;
      }
    }
    return { sent, failed };
  }

  const loop = () => {
    if (stopped) return;
    running = runOnce()
      .catch((err: unknown) => deps.logger.warn({ err }, 'task notices: dispatch failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, opts.intervalMs ?? 2000);
      });
  };
  timer = setTimeout(loop, opts.intervalMs ?? 2000);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
