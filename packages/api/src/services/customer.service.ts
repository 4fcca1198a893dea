// The customer 360: every task (contact) and decision about one customer, with the emails its cases sent,
// on one timeline; and the customers the inbox knows, with what is open and overdue for each.
import { ACTIVE, trimDecimal } from './task-model.ts';
import { createCustomerStore, createOutboxStore, createUserStore, pgTimestampIso } from '@ledgerflow/db';
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

export class CustomerService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Customers named on tasks (the inbox's customer column), most open work first. */
  async list(q: { q?: string; limit: number }) {
    const rows = await createCustomerStore(this.#deps.orm.em.fork()).list({ ...q, active: ACTIVE });
    return {
      items: rows.map((r) => ({
        customer: r.customer,
        tasks: Number(r.tasks),
        open: Number(r.open),
        overdue: Number(r.overdue),
        lastActivityAt: pgTimestampIso(r.last_at),
      })),
    };
  }

  async timeline(customer: string) {
    const em = this.#deps.orm.em.fork();
    const customers = createCustomerStore(em);
    const tasks = await customers.tasks(customer);
    if (!tasks.length) throw new NotFoundError('customer', customer);
    const ids = tasks.map((t) => t.id);
    const workflows = [...new Set(tasks.map((t) => t.workflow_id))];
    const [history, comments, emails] = await Promise.all([
      customers.history(ids),
      customers.comments(ids),
      createOutboxStore(em).emailsOfWorkflows(workflows),
    ]);
    const userIds = [
      ...new Set(
        [
          ...tasks.map((t) => t.completed_by),
          ...history.map((h) => h.user_id),
          ...comments.map((c) => c.user_id),
        ].filter((x): x is string => !!x),
      ),
    ];
    const name = await createUserStore(em).usernames(userIds);
    const who = (id: string | null) => (id ? (name.get(id) ?? id) : null);
    const byTask = new Map(tasks.map((t) => [t.id, t]));
    const entries: TimelineEntry[] = [];
    for (const t of tasks) {
      entries.push({
        at: pgTimestampIso(t.created_at),
        kind: 'task.created',
        taskId: t.id,
        businessKey: t.business_key,
        title: t.title,
        detail: `${t.assignee_type}:${t.assignee_value}`,
        by: null,
      });
      if (t.completed_at)
        entries.push({
          at: pgTimestampIso(t.completed_at),
          kind: 'task.decided',
          taskId: t.id,
          businessKey: t.business_key,
          title: t.title,
          detail: t.outcome,
          by: who(t.completed_by),
        });
    }
    for (const h of history) {
      const t = byTask.get(h.task_id)!;
      entries.push({
        at: pgTimestampIso(h.at),
        kind: 'task.history',
        taskId: h.task_id,
        businessKey: t.business_key,
        title: t.title,
        detail: [h.kind, h.reason].filter(Boolean).join(': '),
        by: who(h.user_id),
      });
    }
    for (const c of comments) {
      const t = byTask.get(c.task_id)!;
      entries.push({
        at: pgTimestampIso(c.created_at),
        kind: 'comment',
        taskId: c.task_id,
        businessKey: t.business_key,
        title: t.title,
        detail: c.body,
        by: who(c.user_id),
      });
    }
    for (const e of emails)
      entries.push({
        at: pgTimestampIso(e.created_at),
        kind: 'email',
        taskId: null,
        businessKey: null,
        title: e.subject,
        detail: `${e.status} → ${e.recipients.join(', ')}`,
        by: null,
      });
    entries.sort((a, b) => b.at.localeCompare(a.at));

    const open = tasks.filter((t) => ACTIVE.includes(t.status as never));
    const openAmounts = new Map<string, string[]>();
    for (const t of open)
      if (t.amount && t.currency)
        openAmounts.set(t.currency, [...(openAmounts.get(t.currency) ?? []), trimDecimal(t.amount)!]);
    return {
      customer,
      summary: {
        tasks: tasks.length,
        open: open.length,
        overdue: open.filter((t) => t.due_at && Date.parse(pgTimestampIso(t.due_at)) < Date.now()).length,
        emails: emails.length,
        openAmounts: [...openAmounts].map(([currency, amounts]) => ({ currency, amount: sumDecimals(amounts) })),
      },
      timeline: entries,
    };
  }
}
