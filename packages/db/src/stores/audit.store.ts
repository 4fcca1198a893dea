import type { EntityManager } from '@mikro-orm/postgresql';

/** One audit entry as stored; timestamps as Postgres text. */
export type AuditRow = {
  id: string;
  at: string;
  action: string;
  actor_id: string | null;
  actor_username: string | null;
  ip: string | null;
  user_agent: string | null;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown>;
};

export interface NewAuditEntry {
  action: string;
  actorId: string | null;
  actorUsername: string | null;
  ip: string | null;
  userAgent: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown>;
  /** An entry written by a retried step (an activity) records once under this key. */
  dedupeKey?: string;
}

export interface AuditFilter {
  action?: string;
  /** The actor's user name, ignoring case. */
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive bounds, ISO timestamps. */
  from?: string;
  to?: string;
}

/** A run's human decisions: each task of the run with who decided, what and when. */
export type ChainTaskRow = {
  id: string;
  node_id: string;
  title: string;
  status: string;
  outcome: string | null;
  completed_by: string | null;
  completed_by_username: string | null;
  completed_at: string | null;
  created_at: string;
};

/** A customer's case: a run that holds one of the customer's tasks. */
export type CustomerCaseRow = {
  run_id: string;
  business_key: string;
  flow_id: string;
  flow_name: string;
  version: number;
  status: string;
  outcome: string | null;
  started_at: string;
  ended_at: string | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.action) parts.push('action = ?') && params.push(f.action);
  if (f.actor) parts.push(`actor_username ilike ? escape '\\'`) && params.push(`%${likeEscape(f.actor)}%`);
  if (f.targetType) parts.push('target_type = ?') && params.push(f.targetType);
  if (f.targetId) parts.push('target_id = ?') && params.push(f.targetId);
  if (f.from) parts.push('at >= ?::timestamptz') && params.push(f.from);
  if (f.to) parts.push('at <= ?::timestamptz') && params.push(f.to);
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

const COLUMNS = `id::text, at::text, action, actor_id, actor_username, ip, user_agent, target_type, target_id, before, after, details`;

/** audit_log: append-only (the table's trigger refuses updates and deletes), so this store only inserts and reads. */
export function createAuditStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async insert(e: NewAuditEntry): Promise<void> {
      await conn().execute(
        `insert into audit_log (action, actor_id, actor_username, ip, user_agent, target_type, target_id, before, after, details, dedupe_key)
         values (?, ?::uuid, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
         on conflict (dedupe_key) where dedupe_key is not null do nothing`,
        [
          e.action,
          e.actorId,
          e.actorUsername,
          e.ip,
          e.userAgent,
          e.targetType,
          e.targetId,
          e.before === undefined ? null : JSON.stringify(e.before),
          e.after === undefined ? null : JSON.stringify(e.after),
          JSON.stringify(e.details),
          e.dedupeKey ?? null,
        ],
      );
    },
    /** Newest first. */
    async list(f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
      const w = where(f);
      const rows = await conn().execute<AuditRow[]>(
        `select ${COLUMNS} from audit_log ${w.sql} order by id desc limit ? offset ?`,
        [...w.params, limit, offset],
      );
      const [c] = await conn().execute<Array<{ n: string }>>(`select count(*) as n from audit_log ${w.sql}`, w.params);
      return { rows, total: Number(c?.n ?? 0) };
    },
    /**
     * Every matching entry, newest first, a page at a time by id (keyset), so an export of 100k entries never
     * holds them all at once.
     */
    async *each(f: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRow[]> {
      let below: string | null = null;
      for (;;) {
        const w = where(f);
        const cond: string = below === null ? w.sql : `${w.sql ? `${w.sql} and` : 'where'} id < ?::bigint`;
        const rows: AuditRow[] = await conn().execute<AuditRow[]>(
          `select ${COLUMNS} from audit_log ${cond} order by id desc limit ?`,
          [...w.params, ...(below === null ? [] : [below]), pageSize],
        );
        if (rows.length) yield rows;
        if (rows.length < pageSize) return;
        below = rows[rows.length - 1]!.id;
      }
    },
    /** The run's tasks with who decided them (read-only over tasks and users, for the per-case audit chain). */
    async chainTasks(runId: string): Promise<ChainTaskRow[]> {
      return conn().execute<ChainTaskRow[]>(
        `select t.id, t.node_id, t.title, t.status, t.outcome, t.completed_by, u.username as completed_by_username,
                t.completed_at::text, t.created_at::text
           from tasks t left join users u on u.id = t.completed_by
          where t.run_id = ? order by t.created_at, t.id`,
        [runId],
      );
    },
    /** The runs holding a task for this customer (tasks.customer), newest first. */
    async customerCases(customer: string, limit: number): Promise<CustomerCaseRow[]> {
      return conn().execute<CustomerCaseRow[]>(
        `select r.id as run_id, r.business_key, r.flow_id, f.name as flow_name, r.version, r.status, r.outcome,
                r.started_at::text, r.ended_at::text
           from runs r join flows f on f.id = r.flow_id
          where r.id in (select run_id from tasks where customer = ?)
          order by r.started_at desc limit ?`,
        [customer, limit],
      );
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
