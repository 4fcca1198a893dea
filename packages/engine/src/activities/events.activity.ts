import { pgTextArray } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { RecordEventsInput } from './activity-types.ts';

/**
 * Appends run events and updates the run projection (and, at the end, the case) in ONE statement:
 * data-modifying CTEs run atomically and cost one round trip instead of begin/insert/update/commit.
 * Idempotent per (runId, seq): a retried or replayed write adds nothing.
 */
export function recordEventsActivity(deps: ActivityDeps) {
  return async function recordEvents(input: RecordEventsInput): Promise<void> {
    const parts: string[] = [];
    const values: unknown[] = [];
    if (input.events.length) {
      const rows = input.events.map((e) => {
        values.push(input.runId, e.seq, e.type, e.nodeId ?? null, JSON.stringify(e.data ?? {}), e.at);
        return '(?::uuid, ?::int, ?, ?, ?::jsonb, ?::timestamptz)';
      });
      parts.push(`ev as (insert into run_events (run_id, seq, type, node_id, data, at) values ${rows.join(', ')} on conflict (run_id, seq) do nothing returning 1)`);
    }
    const p = input.projection;
    if (p) {
      parts.push(`pr as (update runs set status = ?, current_nodes = ?::text[], variables = coalesce(?::jsonb, variables), outcome = coalesce(?, outcome),
          error = case when ?::text in ('needs_attention', 'failed') then coalesce(?::jsonb, error) else null end,
          ended_at = case when ?::boolean then coalesce(ended_at, now()) else ended_at end, updated_at = now()
        where id = ?::uuid returning 1)`);
      values.push(p.status, pgTextArray(p.currentNodes), p.variables === undefined ? null : JSON.stringify(p.variables), p.outcome ?? null, p.status, p.error ? JSON.stringify(p.error) : null, p.ended ?? false, input.runId);
      // A finished case leaves the feed's open list; the next extraction ignores or reopens it.
      if (p.ended) {
        parts.push(`cs as (update cases set status = 'closed', closed_at = now() where run_id = ?::uuid and status = 'open' returning 1)`);
        values.push(input.runId);
      }
    }
    if (!parts.length) return;
    await deps.orm.em.fork().getConnection().execute(`with ${parts.join(', ')} select 1`, values);
  };
}
