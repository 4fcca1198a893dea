import { pgTextArray } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { RecordEventsInput } from './activity-types.ts';

/** Appends run events and updates the run projection in one transaction. Idempotent per (runId, seq). */
export function recordEventsActivity(deps: ActivityDeps) {
  return async function recordEvents(input: RecordEventsInput): Promise<void> {
    const em = deps.orm.em.fork();
    await em.transactional(async (tx) => {
      const conn = tx.getConnection();
      if (input.events.length) {
        const values: unknown[] = [];
        const rows = input.events.map((e) => {
          values.push(input.runId, e.seq, e.type, e.nodeId ?? null, JSON.stringify(e.data ?? {}), e.at);
          return '(?, ?, ?, ?, ?::jsonb, ?::timestamptz)';
        });
        await conn.execute(`insert into run_events (run_id, seq, type, node_id, data, at) values ${rows.join(', ')} on conflict (run_id, seq) do nothing`, values, 'run', tx.getTransactionContext());
      }
      const p = input.projection;
      if (p) {
        await conn.execute(
          `update runs set status = ?, current_nodes = ?::text[], variables = coalesce(?::jsonb, variables), outcome = coalesce(?, outcome),
             error = case when ?::text = 'clear' then null else coalesce(?::jsonb, error) end,
             ended_at = case when ? then coalesce(ended_at, now()) else ended_at end, updated_at = now()
           where id = ?`,
          [p.status, pgTextArray(p.currentNodes), p.variables === undefined ? null : JSON.stringify(p.variables), p.outcome ?? null, p.status === 'running' ? 'clear' : 'keep', p.error ? JSON.stringify(p.error) : null, p.ended ?? false, input.runId],
          'run',
          tx.getTransactionContext(),
        );
        // A finished case leaves the feed's open list; the next extraction ignores or reopens it.
        if (p.ended) await conn.execute(`update cases set status = 'closed', closed_at = now() where run_id = ? and status = 'open'`, [input.runId], 'run', tx.getTransactionContext());
      }
    });
  };
}
