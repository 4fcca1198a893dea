// Notices of task assignment, reminder and escalation: each is recorded in outbox_messages (status 'pending'),
// keyed so a retried activity records it once; the worker's notice dispatcher mails them when
// NOTIFY_MAIL_CONNECTION names an email connection (engine/src/notices), else they stay in the outbox panel.
import type { MikroORM } from '@ledgerflow/db';
import { pgTextArray } from '@ledgerflow/db';

const NOTIFIED: Record<string, string> = {
  created: 'New task', reminded: 'Reminder', escalated: 'Escalated task', delegated: 'Task delegated to you', reassigned: 'Task reassigned to you',
};

type Recipient = { id: string; username: string; email: string | null };

async function recipients(orm: MikroORM, type: string, value: string): Promise<Recipient[]> {
  const conn = orm.em.fork().getConnection();
  if (type === 'user') return conn.execute<Recipient[]>('select id, username, email from users where (id::text = ? or username = ?) and not disabled', [value, value]);
  const col = type === 'role' ? 'roles' : 'groups';
  return conn.execute<Recipient[]>(`select id, username, email from users where ${col} @> ?::text[] and not disabled order by username limit 200`, [pgTextArray([value])]);
}

/**
 * The engine's onTaskChanged hook (and the API's own changes): records one notification per (task, kind[, suffix]).
 * Pass it as `onTaskChanged: createTaskNotifier(orm)` where the worker is created.
 */
export function createTaskNotifier(orm: MikroORM, log?: { warn(o: unknown, m?: string): void }) {
  return async function onTaskChanged(taskId: string, kind: string, suffix?: string): Promise<void> {
    const label = NOTIFIED[kind];
    if (!label) return;
    try {
      const conn = orm.em.fork().getConnection();
      const [t] = await conn.execute<Array<{ title: string; business_key: string; assignee_type: string; assignee_value: string; due_at: Date | null; status: string }>>(
        'select title, business_key, assignee_type, assignee_value, due_at, status from tasks where id = ?', [taskId]);
      if (!t || !['open', 'claimed'].includes(t.status)) return;
      const who = await recipients(orm, t.assignee_type, t.assignee_value);
      const emails = who.map((w) => w.email).filter((e): e is string => !!e);
      const meta = {
        taskId, kind, businessKey: t.business_key, title: t.title, assignee: { type: t.assignee_type, value: t.assignee_value },
        users: who.map((w) => w.username), dueAt: t.due_at ? new Date(t.due_at).toISOString() : null, link: `/#/inbox/${taskId}`,
      };
      await conn.execute(
        `insert into outbox_messages (key, channel, recipients, subject, status, meta) values (?, 'email', ?::text[], ?, 'pending', ?::jsonb) on conflict (key) do nothing`,
        [`task:${taskId}:${kind}${suffix ? `:${suffix}` : ''}`, pgTextArray(emails), `${label}: ${t.title}`.slice(0, 300), JSON.stringify(meta)],
      );
    } catch (err) {
      // A notification must never fail the task change itself.
      log?.warn({ err, taskId, kind }, 'task notification not recorded');
    }
  };
}

export async function listOutbox(orm: MikroORM, q: { channel?: string; taskId?: string; limit?: number; offset?: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.channel) (where.push('channel = ?'), params.push(q.channel));
  if (q.taskId) (where.push(`meta->>'taskId' = ?`), params.push(q.taskId));
  const rows = await orm.em.fork().getConnection().execute<Array<{ key: string; channel: string; recipients: string[]; subject: string; status: string; error: string | null; meta: Record<string, unknown>; created_at: Date }>>(
    `select key, channel, recipients, subject, status, error, meta, created_at from outbox_messages ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, key limit ? offset ?`,
    [...params, q.limit ?? 50, q.offset ?? 0],
  );
  return { items: rows.map((r) => ({ key: r.key, channel: r.channel, recipients: r.recipients, subject: r.subject, status: r.status, error: r.error, meta: r.meta, createdAt: new Date(r.created_at).toISOString() })) };
}
