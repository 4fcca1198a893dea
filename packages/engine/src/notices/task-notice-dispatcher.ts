// Delivers the task notices the inbox records (assigned, reminded, escalated, delegated, reassigned) as
// emails through an email connection, in each recipient's language. Notices are claimed with SKIP LOCKED,
// so several workers share the work; each email is keyed by notice and recipient, so a retried or
// re-claimed notice never mails anyone twice (the email connector's outbox remembers what it sent).
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
}

export function startTaskNoticeDispatcher(
  deps: TaskNoticeDeps,
  opts: TaskNoticeOptions,
): { runOnce(): Promise<{ sent: number; failed: number }>; stop(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const outbox = () => createOutboxStore(deps.orm.em.fork());

  async function connection(): Promise<ConnectionValue | null> {
    const c = await createConnectionStore(deps.orm.em.fork()).findByIdOrName(opts.connection);
    if (!c || c.connector_id !== 'email') return null;
    return { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
  }

  async function deliver(n: ClaimedNotice, mail: ConnectionValue): Promise<void> {
    const kind = n.meta.kind ?? 'created';
    const em = deps.orm.em.fork();
    const task = n.meta.taskId ? await createTaskStore(em).noticeContext(n.meta.taskId) : null;
    if (!task) throw new Error(`task ${n.meta.taskId ?? '?'} no longer exists`);
    const users = await createUserStore(em).contactsByUsername(n.meta.users ?? []);
    const email = deps.registry.get('email');
    if (!email) throw new Error('the email connector is not installed');
    for (const u of users) {
      if (!u.email) continue; // nobody to write to: the notice stays visible in the inbox's outbox panel
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
          idempotencyKey: `notice:${n.key}:${u.username}`,
          logger: deps.logger,
          outbox: createPgOutbox(deps.orm.em.fork()),
        },
      );
    }
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
        await deliver(n, mail);
        await outbox().markNoticeSent(n.key);
        sent++;
      } catch (err) {
        failed++;
        deps.logger.warn({ err, key: n.key }, 'task notice not sent');
        await outbox().markNoticeFailed(n.key, String((err as Error).message));
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
