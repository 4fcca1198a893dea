// Delivers the task notices the inbox records (assigned, reminded, escalated, delegated, reassigned) as
// emails through an email connection, in each recipient's language. Notices are claimed with SKIP LOCKED,
// so several workers share the work; each email is keyed by notice and recipient, so a retried or
// re-claimed notice never mails anyone twice (the email connector's outbox remembers what it sent).
import { createPgOutbox, pgTextArray, type MikroORM, type SecretBox } from '@ledgerflow/db';
import { invokeAction, type ConnectionValue, type ConnectorRegistry, type Logger } from '@ledgerflow/connector-sdk';

const TEMPLATE: Record<string, string> = { created: 'task-assigned', delegated: 'task-assigned', reassigned: 'task-assigned', reminded: 'task-reminder', escalated: 'task-escalated' };
const BATCH = 20;
/** A notice left "sending" this long belongs to a worker that died: it goes back to the queue. */
const STALE_SENDING = '5 minutes';

export interface TaskNoticeDeps { orm: MikroORM; registry: ConnectorRegistry; secrets: SecretBox; logger: Logger }
export interface TaskNoticeOptions {
  /** Name (or id) of the email connection that sends the notices. */
  connection: string;
  /** Base URL of the designer, for the "open the task" link. */
  publicUrl: string;
  intervalMs?: number;
}

type Notice = { key: string; meta: { taskId?: string; kind?: string; users?: string[] } };
type Recipient = { username: string; display_name: string; email: string | null; locale: string };

export function startTaskNoticeDispatcher(deps: TaskNoticeDeps, opts: TaskNoticeOptions): { runOnce(): Promise<{ sent: number; failed: number }>; stop(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const conn = () => deps.orm.em.fork().getConnection();

  async function connection(): Promise<ConnectionValue | null> {
    const [c] = await conn().execute<Array<{ id: string; config: Record<string, unknown>; secrets_enc: string; connector_id: string }>>(
      'select id, config, secrets_enc, connector_id from connections where id::text = ? or name = ? limit 1', [opts.connection, opts.connection]);
    if (!c || c.connector_id !== 'email') return null;
    return { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
  }

  async function deliver(n: Notice, mail: ConnectionValue): Promise<void> {
    const kind = n.meta.kind ?? 'created';
    const [task] = await conn().execute<Array<{ title: string; due_at: string | null; flow_name: string }>>(
      'select t.title, t.due_at::text, f.name as flow_name from tasks t join flows f on f.id = t.flow_id where t.id = ?', [n.meta.taskId ?? null]);
    if (!task) throw new Error(`task ${n.meta.taskId ?? '?'} no longer exists`);
    const users = await conn().execute<Recipient[]>(
      'select username, display_name, email, locale from users where username = any(?::text[]) and not disabled', [pgTextArray(n.meta.users ?? [])]);
    const email = deps.registry.get('email');
    if (!email) throw new Error('the email connector is not installed');
    for (const u of users) {
      if (!u.email) continue; // nobody to write to: the notice stays visible in the inbox's outbox panel
      await invokeAction(email, 'send', {
        to: [u.email],
        template: TEMPLATE[kind] ?? 'task-assigned',
        language: u.locale,
        data: {
          assignee: { name: u.display_name },
          task: { title: task.title, dueDate: task.due_at ? new Date(task.due_at).toISOString() : null, url: `${opts.publicUrl.replace(/\/$/, '')}/#/inbox/${n.meta.taskId}` },
          flow: { name: task.flow_name },
        },
      }, { connection: mail, idempotencyKey: `notice:${n.key}:${u.username}`, logger: deps.logger, outbox: createPgOutbox(deps.orm.em.fork()) });
    }
  }

  let passes = 0;
  async function runOnce(): Promise<{ sent: number; failed: number }> {
    // Idle passes cost one indexed statement: stale claims are swept once a minute, the connection is read only with work.
    if (passes++ % 30 === 0) {
      await conn().execute(`update outbox_messages set status = 'pending' where status = 'sending' and key like 'task:%' and updated_at < now() - interval '${STALE_SENDING}'`);
    }
    const claimed = await conn().execute<Notice[]>(
      `update outbox_messages set status = 'sending', updated_at = now()
        where key in (select key from outbox_messages where channel = 'email' and status = 'pending' and key like 'task:%' order by created_at limit ${BATCH} for update skip locked)
        returning key, meta`);
    if (!claimed.length) return { sent: 0, failed: 0 };
    const mail = await connection();
    if (!mail) {
      // No email connection (yet): the notices wait, visible in the outbox panel.
      await conn().execute(`update outbox_messages set status = 'pending' where key = any(?::text[])`, [pgTextArray(claimed.map((n) => n.key))]);
      return { sent: 0, failed: 0 };
    }
    let sent = 0;
    let failed = 0;
    for (const n of claimed) {
      try {
        await deliver(n, mail);
        await conn().execute(`update outbox_messages set status = 'sent', error = null, updated_at = now() where key = ?`, [n.key]);
        sent++;
      } catch (err) {
        failed++;
        deps.logger.warn({ err, key: n.key }, 'task notice not sent');
        await conn().execute(`update outbox_messages set status = 'failed', error = ?, updated_at = now() where key = ?`, [String((err as Error).message).slice(0, 2000), n.key]);
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
