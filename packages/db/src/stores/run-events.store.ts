import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';
import type { RunStatus } from '@ledgerflow/flow-model';

export const RUN_EVENT_TYPES = [
  'run.started',
  'node.entered',
  'node.exited',
  'decision',
  'action.result',
  'error',
  'task.created',
  'task.completed',
  'wait.scheduled',
  'event.received',
  'variables.set',
  'run.migrated',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'needs_attention',
  'exemption',
] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** Append-only. (run_id, seq) is unique, so a retried or replayed write never duplicates an event. */
export type RunEventRow = {
  seq: number;
  type: string;
  node_id: string | null;
  data: Record<string, unknown>;
  at: Date;
};

export interface RunEventInput {
  seq: number;
  type: string;
  nodeId?: string;
  data?: Record<string, unknown>;
  at: string;
}
export interface RunProjectionInput {
  status: RunStatus;
  currentNodes: string[];
  variables?: Record<string, unknown>;
  outcome?: string;
  error?: Record<string, unknown>;
  ended?: boolean;
}
/** What one run reports at once: new events and, maybe, its projection (the latest of a batch wins). */
export interface RunProgress {
  runId: string;
  events: RunEventInput[];
  projection?: RunProjectionInput;
}

export function createRunEventStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async listForRun(runId: string): Promise<RunEventRow[]> {
      return conn().execute<RunEventRow[]>(
        'select seq, type, node_id, data, at from run_events where run_id = ? order by seq',
        [runId],
      );
    },
    /** Per node of a flow: how often runs entered it and how often it failed. */
    async nodeCounts(flowId: string): Promise<Array<{ node_id: string; entered: string; failed: string }>> {
      return conn().execute(
        `select e.node_id, count(*) filter (where e.type = 'node.entered') as entered, count(*) filter (where e.type in ('error','needs_attention')) as failed
           from run_events e join runs r on r.id = e.run_id where r.flow_id = ? and e.node_id is not null group by e.node_id`,
        [flowId],
      );
    },
    /**
     * Writes the progress of many runs in ONE statement of data-modifying CTEs: their events (idempotent per
     * run and seq), their run projections, and the closing of the feed cases whose run ended, so a case closes
     * in the same transaction as its run's last event. Under load, hundreds of runs cost one round trip.
     */
    async writeProgress(batch: RunProgress[]): Promise<void> {
      const values: unknown[] = [];
      const parts: string[] = [];
      const events = batch.flatMap((b) => b.events.map((e) => ({ runId: b.runId, e })));
      if (events.length) {
        const rows = events.map(({ runId, e }) => {
          values.push(runId, e.seq, e.type, e.nodeId ?? null, JSON.stringify(e.data ?? {}), e.at);
          return '(?::uuid, ?::int, ?, ?, ?::jsonb, ?::timestamptz)';
        });
        parts.push(
          `ev as (insert into run_events (run_id, seq, type, node_id, data, at) values ${rows.join(', ')} on conflict (run_id, seq) do nothing returning 1)`,
        );
      }
      // One projection per run: the latest write of the batch wins (updates from a VALUES list must not repeat a row).
      const latest = new Map<string, RunProjectionInput>();
      for (const b of batch) if (b.projection) latest.set(b.runId, b.projection);
      if (latest.size) {
        const rows = [...latest].map(([runId, p]) => {
          values.push(
            runId,
            p.status,
            pgTextArray(p.currentNodes),
            p.variables === undefined ? null : JSON.stringify(p.variables),
            p.outcome ?? null,
            p.error ? JSON.stringify(p.error) : null,
            p.ended ?? false,
          );
          return '(?::uuid, ?::text, ?::text[], ?::jsonb, ?::text, ?::jsonb, ?::boolean)';
        });
        parts.push(`pr as (update runs r set status = v.status, current_nodes = v.nodes, variables = coalesce(v.vars, r.variables), outcome = coalesce(v.outcome, r.outcome),
            error = case when v.status in ('needs_attention', 'failed') then coalesce(v.error, r.error) else null end,
            ended_at = case when v.ended then coalesce(r.ended_at, now()) else r.ended_at end, updated_at = now()
          from (values ${rows.join(', ')}) as v(id, status, nodes, vars, outcome, error, ended) where r.id = v.id returning 1)`);
        // A finished case leaves the feed's open list; the next extraction ignores or reopens it.
        const ended = [...latest].filter(([, p]) => p.ended).map(([runId]) => runId);
        if (ended.length) {
          parts.push(
            `cs as (update cases set status = 'closed', closed_at = now() where run_id = any(?::uuid[]) and status = 'open' returning 1)`,
          );
          values.push(pgTextArray(ended));
        }
      }
      if (parts.length) await conn().execute(`with ${parts.join(', ')} select 1`, values);
    },
  };
}
export type RunEventStore = ReturnType<typeof createRunEventStore>;
