import type { EntityManager } from '@mikro-orm/postgresql';

/** The business table a record feed keeps: one row per business key, pointing at its case run. */
import type { CaseStatus } from '@ledgerflow/flow-model';
import { containsPattern } from './like-escape.ts';
export type CaseRow = { workflow_id: string; run_id: string | null; record_hash: string; status: CaseStatus };
export type CaseListRow = {
  business_key: string;
  status: CaseStatus;
  run_id: string | null;
  run_status: string | null;
  late: boolean;
  updates: number;
  record: unknown;
  first_seen_at: Date;
  last_seen_at: Date;
  closed_at: Date | null;
  gone_at: Date | null;
};
/** The dashboard's filters: status, late only, and the business key containing some text (any case). */
export type CaseListQuery = { status?: CaseStatus; late?: boolean; q?: string; limit: number };
export interface CaseUpsert {
  flowId: string;
  businessKey: string;
  workflowId: string;
  runId: string;
  record: unknown;
  recordHash: string;
}

/** Late: its run needs attention, or one of its open tasks is past due. */
const LATE = `(r.status = 'needs_attention' or exists (select 1 from tasks t where t.run_id = c.run_id and t.status in ('open','claimed') and t.due_at < now()))`;

// A case whose run ends is closed by the run-events store, in the same statement as the run's last event.
export function createCaseStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async get(flowId: string, businessKey: string): Promise<CaseRow | undefined> {
      const [c] = await conn().execute<CaseRow[]>(
        'select workflow_id, run_id, record_hash, status from cases where flow_id = ? and business_key = ?',
        [flowId, businessKey],
      );
      return c;
    },
    async markSeen(flowId: string, businessKey: string): Promise<void> {
      await conn().execute(
        'update cases set last_seen_at = now(), gone_at = null where flow_id = ? and business_key = ?',
        [flowId, businessKey],
      );
    },
    async recordChanged(flowId: string, businessKey: string, record: unknown, recordHash: string): Promise<void> {
      await conn().execute(
        'update cases set record = ?::jsonb, record_hash = ?, updates = updates + 1, last_seen_at = now(), gone_at = null where flow_id = ? and business_key = ?',
        [JSON.stringify(record), recordHash, flowId, businessKey],
      );
    },
    async close(flowId: string, businessKey: string): Promise<void> {
      await conn().execute(
        `update cases set status = 'closed', closed_at = coalesce(closed_at, now()) where flow_id = ? and business_key = ?`,
        [flowId, businessKey],
      );
    },
    /** A new case, or a closed one reopened onto its new run. */
    async open(c: CaseUpsert): Promise<void> {
      await conn().execute(
        `insert into cases (flow_id, business_key, workflow_id, run_id, record, record_hash, status) values (?, ?, ?, ?, ?::jsonb, ?, 'open')
         on conflict (flow_id, business_key) do update set run_id = excluded.run_id, record = excluded.record, record_hash = excluded.record_hash, status = 'open', closed_at = null, last_seen_at = now(), gone_at = null`,
        [c.flowId, c.businessKey, c.workflowId, c.runId, JSON.stringify(c.record), c.recordHash],
      );
    },
    /** Database time: an extraction's start, against which `last_seen_at` tells which keys it did not deliver. */
    async now(): Promise<Date> {
      const [r] = await conn().execute<Array<{ t: Date }>>('select now() as t');
      return new Date(r!.t);
    },
    /**
     * After a full extract: open cases whose key it did not deliver are marked gone (once; a key that comes back
     * clears the mark). Returns the cases newly marked, for the flow to be told.
     */
    async markGone(flowId: string, since: Date): Promise<Array<{ business_key: string; workflow_id: string }>> {
      return conn().execute(
        `update cases set gone_at = now() where flow_id = ? and status = 'open' and gone_at is null and last_seen_at < ?
         returning business_key, workflow_id`,
        [flowId, since],
      );
    },
    /** The keys whose case has closed, oldest close first: what the extractor takes off its next list. */
    async closedKeys(
      flowId: string,
      limit: number,
    ): Promise<Array<{ business_key: string; closed_at: Date; record: unknown }>> {
      return conn().execute(
        `select business_key, closed_at, record from cases where flow_id = ? and status = 'closed' order by closed_at, business_key limit ?`,
        [flowId, limit],
      );
    },
    /** The dashboard's list, latest seen first, with each case's run status and whether it is late. */
    async list(flowId: string, q: CaseListQuery): Promise<CaseListRow[]> {
      return conn().execute<CaseListRow[]>(
        `select c.business_key, c.status, c.run_id, r.status as run_status, (c.status = 'open' and ${LATE}) as late, c.updates, c.record, c.first_seen_at, c.last_seen_at, c.closed_at, c.gone_at
           from cases c left join runs r on r.id = c.run_id
          where c.flow_id = ? ${q.status ? 'and c.status = ?' : ''} ${q.late ? `and c.status = 'open' and ${LATE}` : ''}
            ${q.q ? `and c.business_key ilike ? escape '\\'` : ''}
          order by c.last_seen_at desc limit ?`,
        [flowId, ...(q.status ? [q.status] : []), ...(q.q ? [containsPattern(q.q)] : []), q.limit],
      );
    },
    async counts(flowId: string): Promise<{ open: number; closed: number; late: number }> {
      const [n] = await conn().execute<Array<{ open: string; closed: string; late: string }>>(
        `select count(*) filter (where c.status = 'open') as open, count(*) filter (where c.status = 'closed') as closed,
                count(*) filter (where c.status = 'open' and ${LATE}) as late
           from cases c left join runs r on r.id = c.run_id where c.flow_id = ?`,
        [flowId],
      );
      return { open: Number(n?.open ?? 0), closed: Number(n?.closed ?? 0), late: Number(n?.late ?? 0) };
    },
  };
}
export type CaseStore = ReturnType<typeof createCaseStore>;
