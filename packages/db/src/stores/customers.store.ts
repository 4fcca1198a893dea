import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

// Customers have no table of their own: they are the names tasks carry (tasks.customer), so this store only
// reads — tasks, their history and comments — and the tasks store stays the one writer of those tables.

export type CustomerSummaryRow = {
  customer: string;
  tasks: string;
  open: string;
  overdue: string;
  last_at: Date | string;
};
export type CustomerTaskRow = {
  id: string;
  workflow_id: string;
  business_key: string;
  title: string;
  status: string;
  outcome: string | null;
  completed_by: string | null;
  completed_at: string | null;
  created_at: string;
  due_at: string | null;
  amount: string | null;
  currency: string | null;
  assignee_type: string;
  assignee_value: string;
};
export type CustomerTaskHistoryRow = {
  task_id: string;
  kind: string;
  user_id: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: string;
};
export type CustomerCommentRow = { task_id: string; user_id: string; body: string; created_at: string };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createCustomerStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** Customers named on tasks (matching `q` anywhere in the name), most open work first; `active` are the open task statuses. */
    async list(q: { q?: string; limit: number; active: readonly string[] }): Promise<CustomerSummaryRow[]> {
      const active = pgTextArray(q.active);
      return conn().execute<CustomerSummaryRow[]>(
        `select customer, count(*) as tasks, count(*) filter (where status = any(?::text[])) as open,
                count(*) filter (where status = any(?::text[]) and due_at < now()) as overdue, max(updated_at) as last_at
           from tasks where customer is not null ${q.q ? `and customer ilike ? escape '\\'` : ''}
          group by customer order by count(*) filter (where status = any(?::text[])) desc, max(updated_at) desc limit ?`,
        [active, active, ...(q.q ? [`%${likeEscape(q.q)}%`] : []), active, q.limit],
      );
    },
    /** The customer's tasks, newest first; timestamps and amounts as Postgres text. */
    async tasks(customer: string, limit = 500): Promise<CustomerTaskRow[]> {
      return conn().execute<CustomerTaskRow[]>(
        `select id, workflow_id, business_key, title, status, outcome, completed_by, completed_at::text, created_at::text, due_at::text, amount::text, currency, assignee_type, assignee_value
           from tasks where customer = ? order by created_at desc limit ?`,
        [customer, limit],
      );
    },
    /** History of these tasks but their decisions, which the tasks themselves carry. */
    async history(taskIds: string[]): Promise<CustomerTaskHistoryRow[]> {
      return conn().execute<CustomerTaskHistoryRow[]>(
        `select task_id, kind, user_id, reason, data, at::text from task_history where task_id = any(?::uuid[]) and kind not in ('completed', 'rejected') order by at`,
        [pgTextArray(taskIds)],
      );
    },
    async comments(taskIds: string[]): Promise<CustomerCommentRow[]> {
      return conn().execute<CustomerCommentRow[]>(
        'select task_id, user_id, body, created_at::text from task_comments where task_id = any(?::uuid[]) order by created_at',
        [pgTextArray(taskIds)],
      );
    },
  };
}

export type CustomerStore = ReturnType<typeof createCustomerStore>;
