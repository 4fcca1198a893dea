// The customer 360: every task (contact) and decision about one customer, with the emails its cases sent,
// on one timeline; and the customers the inbox knows, with what is open and overdue for each.
import { ACTIVE, trimDecimal } from './task-model.ts';
import { pgTextArray, pgTimestampIso } from '@ledgerflow/db';
import { NotFoundError, sumDecimals } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';

export interface TimelineEntry {
  at: string;
  kind: 'task.created' | 'task.decided' | 'task.history' | 'comment' | 'email';
  taskId: string | null;
  businessKey: string | null;
  title: string;
  detail: string | null;
  by: string | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class CustomerService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #conn() {
    return this.#deps.orm.em.fork().getConnection();
  }

  /** Customers named on tasks (the inbox's customer column), most open work first. */
  async list(q: { q?: string; limit: number }) {
    const rows = await this.#conn().execute<Array<{ customer: string; tasks: string; open: string; overdue: string; last_at: Date | string }>>(
      `select customer, count(*) as tasks, count(*) filter (where status = any(?::text[])) as open,
              count(*) filter (where status = any(?::text[]) and due_at < now()) as overdue, max(updated_at) as last_at
         from tasks where customer is not null ${q.q ? `and customer ilike ? escape '\\'` : ''}
        group by customer order by count(*) filter (where status = any(?::text[])) desc, max(updated_at) desc limit ?`,
      [pgTextArray(ACTIVE), pgTextArray(ACTIVE), ...(q.q ? [`%${likeEscape(q.q)}%`] : []), pgTextArray(ACTIVE), q.limit]);
    return { items: rows.map((r) => ({ customer: r.customer, tasks: Number(r.tasks), open: Number(r.open), overdue: Number(r.overdue), lastActivityAt: pgTimestampIso(r.last_at) })) };
  }

  async timeline(customer: string) {
    const conn = this.#conn();
    const tasks = await conn.execute<Array<{ id: string; workflow_id: string; business_key: string; title: string; status: string; outcome: string | null; completed_by: string | null; completed_at: string | null; created_at: string; due_at: string | null; amount: string | null; currency: string | null; assignee_type: string; assignee_value: string }>>(
      `select id, workflow_id, business_key, title, status, outcome, completed_by, completed_at::text, created_at::text, due_at::text, amount::text, currency, assignee_type, assignee_value
         from tasks where customer = ? order by created_at desc limit 500`, [customer]);
    if (!tasks.length) throw new NotFoundError('customer', customer);
    const ids = pgTextArray(tasks.map((t) => t.id));
    const workflows = [...new Set(tasks.map((t) => t.workflow_id))];
    const [history, comments, emails] = await Promise.all([
      conn.execute<Array<{ task_id: string; kind: string; user_id: string | null; reason: string | null; data: Record<string, unknown>; at: string }>>(
        `select task_id, kind, user_id, reason, data, at::text from task_history where task_id = any(?::uuid[]) and kind not in ('completed', 'rejected') order by at`, [ids]),
      conn.execute<Array<{ task_id: string; user_id: string; body: string; created_at: string }>>(
        'select task_id, user_id, body, created_at::text from task_comments where task_id = any(?::uuid[]) order by created_at', [ids]),
      // The connector keys each email by its run's workflow id (then node and visit).
      conn.execute<Array<{ key: string; subject: string; recipients: string[]; status: string; created_at: string }>>(
        `select o.key, o.subject, o.recipients, o.status, o.created_at::text from outbox_messages o
          where o.channel = 'email' and o.key not like 'task:%' and exists (select 1 from unnest(?::text[]) w(id) where o.key like replace(replace(replace(w.id, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || ':%')
          order by o.created_at desc limit 500`, [pgTextArray(workflows)]),
    ]);
    const userIds = [...new Set([...tasks.map((t) => t.completed_by), ...history.map((h) => h.user_id), ...comments.map((c) => c.user_id)].filter((x): x is string => !!x))];
    const users = await conn.execute<Array<{ id: string; username: string }>>('select id::text, username from users where id = any(?::uuid[])', [pgTextArray(userIds)]);
    const name = new Map(users.map((u) => [u.id, u.username]));
    const who = (id: string | null) => (id ? (name.get(id) ?? id) : null);
    const byTask = new Map(tasks.map((t) => [t.id, t]));
    const entries: TimelineEntry[] = [];
    for (const t of tasks) {
      entries.push({ at: pgTimestampIso(t.created_at), kind: 'task.created', taskId: t.id, businessKey: t.business_key, title: t.title, detail: `${t.assignee_type}:${t.assignee_value}`, by: null });
      if (t.completed_at) entries.push({ at: pgTimestampIso(t.completed_at), kind: 'task.decided', taskId: t.id, businessKey: t.business_key, title: t.title, detail: t.outcome, by: who(t.completed_by) });
    }
    for (const h of history) {
      const t = byTask.get(h.task_id)!;
      entries.push({ at: pgTimestampIso(h.at), kind: 'task.history', taskId: h.task_id, businessKey: t.business_key, title: t.title, detail: [h.kind, h.reason].filter(Boolean).join(': '), by: who(h.user_id) });
    }
    for (const c of comments) {
      const t = byTask.get(c.task_id)!;
      entries.push({ at: pgTimestampIso(c.created_at), kind: 'comment', taskId: c.task_id, businessKey: t.business_key, title: t.title, detail: c.body, by: who(c.user_id) });
    }
    for (const e of emails) entries.push({ at: pgTimestampIso(e.created_at), kind: 'email', taskId: null, businessKey: null, title: e.subject, detail: `${e.status} → ${e.recipients.join(', ')}`, by: null });
    entries.sort((a, b) => b.at.localeCompare(a.at));

    const open = tasks.filter((t) => ACTIVE.includes(t.status as never));
    const openAmounts = new Map<string, string[]>();
    for (const t of open) if (t.amount && t.currency) openAmounts.set(t.currency, [...(openAmounts.get(t.currency) ?? []), trimDecimal(t.amount)!]);
    return {
      customer,
      summary: {
        tasks: tasks.length, open: open.length, overdue: open.filter((t) => t.due_at && Date.parse(pgTimestampIso(t.due_at)) < Date.now()).length,
        emails: emails.length, openAmounts: [...openAmounts].map(([currency, amounts]) => ({ currency, amount: sumDecimals(amounts) })),
      },
      timeline: entries,
    };
  }
}
