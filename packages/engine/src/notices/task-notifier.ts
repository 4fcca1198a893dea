// Notices of task assignment, reminder and escalation: each is recorded in outbox_messages (status 'pending'),
// keyed so a retried activity records it once; the notice dispatcher (task-notice-dispatcher.ts) mails them
// when NOTIFY_MAIL_CONNECTION names an email connection, else they stay in the inbox's outbox panel.
import { createOutboxStore, createTaskStore, createUserStore, type MikroORM, type UserStore } from '@ledgerflow/db';

const NOTIFIED: Record<string, string> = {
  created: 'New task',
  reminded: 'Reminder',
  escalated: 'Escalated task',
  delegated: 'Task delegated to you',
  reassigned: 'Task reassigned to you',
};

/**
 * The task activities' onTaskChanged hook: records one notice per (task, kind[, suffix]) for the task's
 * current assignees. Pass it as `onTaskChanged: createTaskNotifier(orm)` where the worker is created.
 */
export function createTaskNotifier(orm: MikroORM, log?: { warn(o: unknown, m?: string): void }) {
  return async function onTaskChanged(taskId: string, kind: string, suffix?: string): Promise<void> {
    const label = NOTIFIED[kind];
    if (!label) return;
    try {
      const em = orm.em.fork();
      const t = await createTaskStore(em).get(taskId, false);
      if (!t || !['open', 'claimed'].includes(t.status)) return;
      const users = createUserStore(em);
      const who = await users.contactsOfAssignee(t.assignee_type, t.assignee_value);
      // A named user who is disabled (or gone) is still the recipient: the dispatcher records them as unreachable.
      const named = t.assignee_type === 'user' && !who.length ? [await usernameOf(users, t.assignee_value)] : [];
      const meta = {
        taskId,
        kind,
        businessKey: t.business_key,
        title: t.title,
        assignee: { type: t.assignee_type, value: t.assignee_value },
        users: named.length ? named : who.map((w) => w.username),
        dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
        link: `/#/inbox/${taskId}`,
      };
      await createOutboxStore(em).insertNotice(`task:${taskId}:${kind}${suffix ? `:${suffix}` : ''}`, {
        to: who.map((w) => w.email).filter((e): e is string => !!e),
        subject: `${label}: ${t.title}`.slice(0, 300),
        meta,
      });
    } catch (err) {
      // A notice must never fail the task change itself.
      log?.warn({ err, taskId, kind }, 'task notification not recorded');
    }
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An assignee names a user by id or username; the notice lists usernames. */
async function usernameOf(users: UserStore, value: string): Promise<string> {
  return UUID.test(value) ? ((await users.usernames([value])).get(value) ?? value) : value;
}
