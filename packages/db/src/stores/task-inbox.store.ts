import type { MikroORM } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';
import { preparedQuery } from '../prepared.ts';
import type { TaskStatus } from '@ledgerflow/flow-model';
import { TASK_LIST_COLUMNS, type TaskListRow } from './tasks.store.ts';
import { companyAmountColumns, taskRateSql } from './exchange-rates.store.ts';

/** Who reads the inbox: the session's user, their roles and groups; supervisors read every task. */
export interface TaskReader {
  id: string;
  username: string;
  roles: readonly string[];
  groups: readonly string[];
  supervisor: boolean;
}
export type InboxView = 'mine' | 'groups' | 'all';
export type InboxSort = 'due' | 'created' | 'amount' | 'priority' | 'title' | 'businessKey' | 'rank';

export interface InboxQuery {
  view: InboxView;
  statuses: readonly TaskStatus[];
  flowId?: string;
  due?: 'overdue' | 'today' | 'week' | 'none';
  amountMin?: string;
  amountMax?: string;
  customer?: string;
  businessKey?: string;
  /** who the task is assigned to: a user name, a role or a group, as on the list */
  assignee?: string;
  q?: string;
  sort: InboxSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORTS: Record<InboxSort, string> = {
  due: 't.due_at',
  created: 't.created_at',
  amount: 't.amount',
  title: 't.title',
  businessKey: 't.business_key',
  // Amounts in different currencies compare once converted to the company currency; no rate ranks last.
  rank: `t.amount * ${taskRateSql('t')}`,
  priority: `(case t.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`,
};

/** A page row with its amount in the company currency (null: no amount, or no rate for its currency). */
export type InboxRow = TaskListRow & { amount_company: string | null; company_currency: string };

/** TASK_LIST_COLUMNS as named by a subquery aliased t: what the merged pages return, nothing more. */
const OUTER_COLUMNS = TASK_LIST_COLUMNS.split(',')
  .map((c) => `t.${/(\w+)\s*$/.exec(c)![1]}`)
  .join(', ');

/**
 * Converts the finished page only: a subquery with a limit is not flattened, so the rate lookups run for its rows
 * alone, in its order.
 */
const withCompanyAmount = (page: string) => `select p.*, ${companyAmountColumns('p')} from (${page}) p`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL predicate over tasks aliased t (and its parameters) of one inbox view: `all` is for supervisors only (checked by the caller). */
export function inboxViewPredicate(view: InboxView, u: TaskReader): { sql: string; params: unknown[] } {
  if (view === 'mine')
    return {
      sql: `((t.assignee_type = 'user' and t.assignee_value in (?, ?)) or t.claimed_by = ?)`,
      params: [u.id, u.username, u.id],
    };
  if (view === 'groups') {
    return {
      sql: `((t.assignee_type = 'role' and t.assignee_value = any(?::text[])) or (t.assignee_type = 'group' and t.assignee_value = any(?::text[])))`,
      params: [pgTextArray([...u.roles]), pgTextArray([...u.groups])],
    };
  }
  return { sql: 'true', params: [] };
}

/**
 * Who may read a task, as SQL over tasks aliased t: assigned to them directly or through a role or group,
 * claimed, started or decided by them; supervisors read everything. Runs are readable through their tasks
 * with this same rule.
 */
export function taskReadPredicate(u: TaskReader): { sql: string; params: unknown[] } {
  if (u.supervisor) return { sql: 'true', params: [] };
  const mine = inboxViewPredicate('mine', u);
  const groups = inboxViewPredicate('groups', u);
  return {
    sql: `(${mine.sql} or ${groups.sql} or t.started_by = ? or t.completed_by = ?)`,
    params: [...mine.params, ...groups.params, u.id, u.id],
  };
}

/** The inbox list: the hottest read of the product, one prepared statement per shape of query. */
export function createTaskInboxStore(orm: MikroORM) {
  return {
    /** One page (limit + 1 rows: the extra one says there is more). */
    async list(u: TaskReader, q: InboxQuery): Promise<InboxRow[]> {
      const { view, statuses, sort, limit, offset } = q;
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.flowId) (where.push('t.flow_id = ?'), params.push(q.flowId));
      if (q.due === 'overdue') where.push('t.due_at < now()');
      else if (q.due === 'today') where.push(`t.due_at < date_trunc('day', now()) + interval '1 day'`);
      else if (q.due === 'week') where.push(`t.due_at < now() + interval '7 days'`);
      else if (q.due === 'none') where.push('t.due_at is null');
      // Amounts are compared as numeric: "15000.01" > "15000" exactly, no float rounding.
      if (q.amountMin !== undefined) (where.push('t.amount >= ?::numeric'), params.push(q.amountMin));
      if (q.amountMax !== undefined) (where.push('t.amount <= ?::numeric'), params.push(q.amountMax));
      if (q.customer) (where.push('lower(t.customer) = lower(?)'), params.push(q.customer));
      if (q.assignee) (where.push('lower(t.assignee_value) = lower(?)'), params.push(q.assignee));
      if (q.businessKey)
        (where.push(`t.business_key ilike ? escape '\\'`), params.push(`${likeEscape(q.businessKey)}%`));
      if (q.q?.trim()) {
        const text = q.q.trim();
        where.push(
          `(t.search @@ websearch_to_tsquery('simple', ?) or t.title ilike ? escape '\\' or t.business_key ilike ? escape '\\')`,
        );
        params.push(text, `%${likeEscape(text)}%`, `%${likeEscape(text)}%`);
      }
      const filter = where.length ? ` and ${where.join(' and ')}` : '';
      const dir =
        (q.order ?? (sort === 'priority' || sort === 'amount' || sort === 'created' ? 'desc' : 'asc')) === 'desc'
          ? 'desc'
          : 'asc';
      const order = (col: string) =>
        sort === 'rank'
          ? `${SORTS.priority} desc, (t.due_at < now()) desc nulls last, ${col} desc nulls last, t.due_at asc nulls last, t.created_at desc, t.id`
          : `${col} ${dir} nulls last, t.created_at desc, t.id`;
      // The numeric amount travels only where the merged pages are re-sorted by it (the text copy sorts wrong).
      const cols =
        (sort === 'amount' || sort === 'rank') && view !== 'all'
          ? `${TASK_LIST_COLUMNS}, ${SORTS[sort]} as amount_num`
          : TASK_LIST_COLUMNS;
      let sql: string;
      let args: unknown[];
      if (view === 'all') {
        sql = `select ${cols} from tasks t where t.status = any(?::text[])${filter} order by ${order(SORTS[sort])} limit ? offset ?`;
        args = [pgTextArray([...statuses]), ...params, limit + 1, offset];
      } else {
        // One index-ordered top-N per (assignee, status), merged: cheap however many tasks the other assignees have.
        const keys: Array<[string, string]> =
          view === 'mine'
            ? [
                ['user', u.id],
                ['user', u.username],
              ]
            : [
                ...u.roles.map((r): [string, string] => ['role', r]),
                ...u.groups.map((g): [string, string] => ['group', g]),
              ];
        const triples = keys.flatMap(([type, value]) => statuses.map((st) => [type, value, st] as const));
        const n = offset + limit + 1;
        const parts = [
          `select x.* from unnest(?::text[], ?::text[], ?::text[]) as k(atype, avalue, astatus) cross join lateral (
            select ${cols} from tasks t where t.assignee_type = k.atype and t.assignee_value = k.avalue and t.status = k.astatus${filter} order by ${order(SORTS[sort])} limit ?) x`,
        ];
        args = [
          pgTextArray(triples.map((x) => x[0])),
          pgTextArray(triples.map((x) => x[1])),
          pgTextArray(triples.map((x) => x[2])),
          ...params,
          n,
        ];
        if (view === 'mine') {
          parts.push(`select * from (select ${cols} from tasks t where t.claimed_by = ? and t.status = any(?::text[]) and not (t.assignee_type = 'user' and t.assignee_value in (?, ?))${filter}
            order by ${order(SORTS[sort])} limit ?) c`);
          args.push(u.id, pgTextArray([...statuses]), u.id, u.username, ...params, n);
        }
        const outer = sort === 'amount' || sort === 'rank' ? 't.amount_num' : SORTS[sort];
        sql = `select ${OUTER_COLUMNS} from (${parts.join(' union all ')}) t order by ${order(outer)} limit ? offset ?`;
        args.push(limit + 1, offset);
      }
      // Prepared per statement text (one per combination of filters and sort): parsing and planning cost
      // more than running an indexed page. Postgres still plans per value while that is cheaper on average.
      return preparedQuery<InboxRow>(orm, withCompanyAmount(sql), args);
    },
  };
}
export type TaskInboxStore = ReturnType<typeof createTaskInboxStore>;
