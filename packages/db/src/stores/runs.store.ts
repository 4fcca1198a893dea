import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';
import { sqlAmount, sqlCurrency } from '../sql-json-values.ts';

import { ENDED_RUN_STATUSES, type RunStatus } from '@ledgerflow/flow-model';

/** The projection of one Temporal execution; Temporal stays the source of truth. */
export type RunRow = {
  id: string;
  workflow_id: string;
  flow_id: string;
  version: number;
  business_key: string;
  status: RunStatus;
  outcome: string | null;
  current_nodes: string[];
  variables: Record<string, unknown>;
  input: Record<string, unknown>;
  is_test: boolean;
  parent_run_id: string | null;
  error: Record<string, unknown> | null;
  started_at: Date;
  ended_at: Date | null;
  updated_at: Date;
  started_by: string | null;
  idempotency_key: string | null;
  /** Joined from flows by the reading queries (list, getFor). */
  flow_name?: string | null;
  /** The list's current nodes by their label in the run's version (the id when it has none). */
  current_labels?: string[];
};

/** A run about to start. `startedBy` null: a webhook, schedule, feed or sub-flow started it. */
export interface NewRun {
  runId: string;
  workflowId: string;
  flowId: string;
  version: number;
  businessKey: string;
  input: Record<string, unknown>;
  isTest?: boolean;
  parentRunId?: string;
  startedBy?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Who reads runs (aliased r): everyone's, or a user's own (started by them or by them in a parent run) plus the runs
 * holding a task they may read, `tasks` being the tasks' own predicate over alias t.
 */
export type RunReader = { all: true } | { userId: string; tasks: { sql: string; params: unknown[] } };

export interface RunFilter {
  flowId?: string;
  version?: number;
  status?: string;
  businessKey?: string;
  from?: string;
  to?: string;
  /** Open and late: needs attention, or holds an open task past due (as on the home page). */
  late?: boolean;
  /** Runs holding a task overdue, open (in review) or approved (completed with an approving outcome). */
  task?: RunTaskFilter;
  /** With task=approved: approved at or after this instant. */
  taskFrom?: string;
  /** Ended at or after this instant (done this week). */
  endedFrom?: string;
  sort?: RunSort;
  order?: 'asc' | 'desc';
}
export const RUN_SORTS = ['started', 'ended', 'status', 'flow', 'businessKey'] as const;
export type RunSort = (typeof RUN_SORTS)[number];
export const RUN_TASK_FILTERS = ['overdue', 'open', 'approved'] as const;
export type RunTaskFilter = (typeof RUN_TASK_FILTERS)[number];
/** Task outcomes counted as an approval on the home page and by the runs filter. */
export const APPROVED_OUTCOMES = ['approve', 'approved'] as const;
const APPROVED_SQL = `(${APPROVED_OUTCOMES.map((o) => `'${o}'`).join(',')})`;
const SORT_SQL: Record<RunSort, string> = {
  started: 'r.started_at',
  ended: 'r.ended_at',
  status: 'r.status',
  flow: 'f.name',
  businessKey: 'r.business_key',
};
/** SQL over tasks aliased t: open or claimed and past its due date. */
export const OVERDUE_TASK_SQL = `t.status in ('open','claimed') and t.due_at < now()`;
/** SQL over tasks aliased t: completed with an approving outcome. */
export const APPROVED_TASK_SQL = `t.status = 'completed' and t.outcome in ${APPROVED_SQL}`;
export type RunStatsRow = {
  key: string | null;
  status: RunStatus;
  outcome: string | null;
  currency: string | null;
  runs: string;
  total: string | null;
};

function visible(reader: RunReader): { sql: string; params: unknown[] } {
  if ('all' in reader) return { sql: 'true', params: [] };
  return {
    sql: `(r.started_by = ? or r.parent_run_id in (select p.id from runs p where p.started_by = ?) or r.id in (select t.run_id from tasks t where ${reader.tasks.sql}))`,
    params: [reader.userId, reader.userId, ...reader.tasks.params],
  };
}

const ENDED_SQL = `(${ENDED_RUN_STATUSES.map((s) => `'${s}'`).join(',')})`;
/** Over runs r, flows f and the run's version v (null for a draft run): its current nodes' labels, in order. */
const CURRENT_LABELS = `array(select coalesce(nullif(l.label, ''), c.id)
    from unnest(r.current_nodes) with ordinality c(id, i)
    left join lateral (select x->>'label' as label from jsonb_array_elements(coalesce(v.definition, f.draft)->'nodes') x
                        where x->>'id' = c.id limit 1) l on true
   order by c.i) as current_labels`;
/** SQL over runs aliased r: still open and needing someone (attention, or a task past due). */
export const LATE_RUN_SQL = `(r.status not in ${ENDED_SQL} and (r.status = 'needs_attention' or exists (select 1 from tasks t where t.run_id = r.id and ${OVERDUE_TASK_SQL})))`;
const TASK_SQL: Record<RunTaskFilter, string> = {
  overdue: OVERDUE_TASK_SQL,
  open: `t.status in ('open','claimed')`,
  approved: APPROVED_TASK_SQL,
};

function filterSql(q: RunFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...p: unknown[]) => (where.push(sql), params.push(...p));
  if (q.flowId) add('r.flow_id = ?', q.flowId);
  if (q.version) add('r.version = ?', q.version);
  if (q.status) add('r.status = ?', q.status);
  if (q.businessKey) add('r.business_key = ?', q.businessKey);
  if (q.from) add('r.started_at >= ?', q.from);
  if (q.to) add('r.started_at < ?', q.to);
  if (q.endedFrom) add('r.ended_at >= ?', q.endedFrom);
  if (q.late) add(LATE_RUN_SQL);
  if (q.task) {
    const since = q.task === 'approved' && q.taskFrom ? ' and t.completed_at >= ?' : '';
    add(
      `exists (select 1 from tasks t where t.run_id = r.id and ${TASK_SQL[q.task]}${since})`,
      ...(since ? [q.taskFrom] : []),
    );
  }
  return { where, params };
}

export function createRunStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** The labels of the run's flow version's nodes (the draft's for a draft run), by node id: what people read. */
    async nodeLabels(runId: string): Promise<Map<string, string>> {
      const rows: Array<{ id: string; label: string | null }> = await conn().execute(
        `select x->>'id' as id, x->>'label' as label from runs r left join flows f on f.id = r.flow_id
          left join flow_versions v on v.flow_id = r.flow_id and v.version = r.version,
          jsonb_array_elements(coalesce(v.definition, f.draft)->'nodes') x
          where r.id = ?`,
        [runId],
      );
      return new Map(rows.filter((r) => r.label).map((r) => [r.id, r.label!]));
    },
    /** Registers a run started elsewhere (sub-flow, feed case, tests); idempotent per id, but a taken workflow id throws. */
    async register(r: NewRun): Promise<void> {
      await conn().execute(
        `insert into runs (id, workflow_id, flow_id, version, business_key, status, input, variables, is_test, parent_run_id)
         values (?, ?, ?, ?, ?, 'running', ?::jsonb, ?::jsonb, ?, ?) on conflict (id) do nothing`,
        [
          r.runId,
          r.workflowId,
          r.flowId,
          r.version,
          r.businessKey,
          JSON.stringify(r.input),
          JSON.stringify(r.input),
          r.isTest ?? false,
          r.parentRunId ?? null,
        ],
      );
    },
    /** Inserts a run the API is about to start; false when the id (or its idempotency key) is taken already. */
    async insertStarting(r: NewRun): Promise<boolean> {
      const inserted = await conn().execute<Array<{ id: string }>>(
        `insert into runs (id, workflow_id, flow_id, version, business_key, status, input, variables, is_test, started_by, idempotency_key)
         values (?, ?, ?, ?, ?, 'running', ?::jsonb, ?::jsonb, ?, ?, ?) on conflict do nothing returning id`,
        [
          r.runId,
          r.workflowId,
          r.flowId,
          r.version,
          r.businessKey,
          JSON.stringify(r.input),
          JSON.stringify(r.input),
          r.isTest ?? false,
          r.startedBy ?? null,
          r.idempotencyKey ?? null,
        ],
      );
      return inserted.length > 0;
    },
    async remove(id: string): Promise<void> {
      await conn().execute('delete from runs where id = ?', [id]);
    },
    /** The run an idempotency key started, and whether it was started with this input. */
    async findKeyed(
      id: string,
      idempotencyKey: string | null,
      input: Record<string, unknown>,
    ): Promise<(RunRow & { same_input: boolean }) | undefined> {
      const [r] = await conn().execute<Array<RunRow & { same_input: boolean }>>(
        'select *, input = ?::jsonb as same_input from runs where id = ? and idempotency_key = ?',
        [JSON.stringify(input), id, idempotencyKey],
      );
      return r;
    },
    async get(id: string): Promise<RunRow | undefined> {
      const [r] = await conn().execute<RunRow[]>('select * from runs where id = ?', [id]);
      return r;
    },
    /** The run with whether this reader may see it. */
    async getFor(reader: RunReader, id: string): Promise<(RunRow & { visible: boolean }) | undefined> {
      const v = visible(reader);
      const [r] = await conn().execute<Array<RunRow & { visible: boolean }>>(
        `select r.*, f.name as flow_name, ${CURRENT_LABELS}, ${v.sql} as visible from runs r
           left join flows f on f.id = r.flow_id left join flow_versions v on v.flow_id = r.flow_id and v.version = r.version
          where r.id = ?`,
        [...v.params, id],
      );
      return r;
    },
    async list(
      reader: RunReader,
      q: RunFilter,
      limit: number,
      offset: number,
    ): Promise<{ rows: RunRow[]; total: number }> {
      const v = visible(reader);
      const f = filterSql(q);
      const params = [...v.params, ...f.params];
      const w = `where ${[v.sql, ...f.where].join(' and ')}`;
      const [count] = await conn().execute<Array<{ n: string }>>(`select count(*) as n from runs r ${w}`, params);
      const dir = q.order === 'asc' ? 'asc' : 'desc';
      // The id breaks ties so pages never overlap.
      const rows = await conn().execute<RunRow[]>(
        `select r.*, f.name as flow_name, ${CURRENT_LABELS} from runs r left join flows f on f.id = r.flow_id
          left join flow_versions v on v.flow_id = r.flow_id and v.version = r.version ${w}
          order by ${SORT_SQL[q.sort ?? 'started']} ${dir} nulls last, r.id ${dir} limit ? offset ?`,
        [...params, limit, offset],
      );
      return { rows, total: Number(count?.n ?? 0) };
    },
    /** The open runs of a business key (optionally of one flow) this reader may see. */
    async openByBusinessKey(reader: RunReader, businessKey: string, flowId?: string): Promise<RunRow[]> {
      const v = visible(reader);
      return conn().execute<RunRow[]>(
        `select r.* from runs r where r.business_key = ? and r.status not in ${ENDED_SQL} ${flowId ? 'and r.flow_id = ?' : ''} and ${v.sql}`,
        [businessKey, ...(flowId ? [flowId] : []), ...v.params],
      );
    },
    /** Open runs of a flow on another published version, oldest first: candidates for a migration. */
    async openOnOtherVersion(
      flowId: string,
      version: number,
    ): Promise<Array<Pick<RunRow, 'id' | 'workflow_id' | 'version' | 'status'>>> {
      return conn().execute(
        `select id, workflow_id, version, status from runs where flow_id = ? and version <> ? and version > 0 and status not in ${ENDED_SQL} order by started_at`,
        [flowId, version],
      );
    },
    async setVersion(id: string, version: number): Promise<void> {
      await conn().execute('update runs set version = ?, updated_at = now() where id = ?', [version, id]);
    },
    /** A reopened case reuses its workflow id, which is unique in runs: the old run keeps it suffixed with its own id. */
    async releaseWorkflowId(workflowId: string): Promise<void> {
      await conn().execute(`update runs set workflow_id = workflow_id || ':' || id where workflow_id = ?`, [
        workflowId,
      ]);
    },
    /** How many open runs of a flow stand on each node. */
    async activeNodes(flowId: string): Promise<Array<{ node: string; n: string }>> {
      return conn().execute(
        `select unnest(current_nodes) as node, count(*) as n from runs where flow_id = ? and status not in ${ENDED_SQL} group by 1`,
        [flowId],
      );
    },
    /**
     * Runs of a flow counted per value of a variable path and status, with the money at `sumPath` totalled per
     * currency. Values that are not decimals are left out of the total rather than failing the whole report.
     */
    async stats(
      flowId: string,
      q: { groupBy: string[]; sum?: string[]; from?: string; to?: string; includeTests: boolean },
    ): Promise<RunStatsRow[]> {
      const sumPath = q.sum ? pgTextArray(q.sum) : null;
      return conn().execute<RunStatsRow[]>(
        `with v as (
           select r.variables #>> ?::text[] as key, r.status, r.outcome,
                  ${sumPath ? `r.variables #> ?::text[]` : 'null::jsonb'} as m
             from runs r
            where r.flow_id = ? and (? or not r.is_test) and r.started_at >= coalesce(?::timestamptz, '-infinity') and r.started_at < coalesce(?::timestamptz, 'infinity'))
         select key, status, outcome,
                ${sqlCurrency('m')} as currency,
                count(*) as runs,
                sum(${sqlAmount('m')})::text as total
           from v group by key, status, outcome, currency`,
        [pgTextArray(q.groupBy), ...(sumPath ? [sumPath] : []), flowId, q.includeTests, q.from ?? null, q.to ?? null],
      );
    },
  };
}
export type RunStore = ReturnType<typeof createRunStore>;

/** Registers a run before its workflow starts (sub-flows, tests, benchmarks): idempotent per run id. */
export async function insertRun(deps: { orm: MikroORM }, input: NewRun): Promise<void> {
  await createRunStore(deps.orm.em.fork()).register(input);
}
