import { pgTextArray } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { RecordEventsInput } from './activity-types.ts';

type Pending = { input: RecordEventsInput; done: (err?: unknown) => void };

const BATCH_WINDOW_MS = 5;

/**
 * Appends run events and updates run projections. Writes from concurrent runs are grouped (a few ms
 * window) into ONE statement of data-modifying CTEs: under load, hundreds of runs cost one round trip.
 * Each caller resolves only once its rows are committed. Idempotent per (runId, seq).
 */
export function recordEventsActivity(deps: ActivityDeps) {
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;

  async function write(batch: Pending[]): Promise<void> {
    const values: unknown[] = [];
    const parts: string[] = [];
    const events = batch.flatMap((b) => b.input.events.map((e) => ({ runId: b.input.runId, e })));
    if (events.length) {
      const rows = events.map(({ runId, e }) => {
        values.push(runId, e.seq, e.type, e.nodeId ?? null, JSON.stringify(e.data ?? {}), e.at);
        return '(?::uuid, ?::int, ?, ?, ?::jsonb, ?::timestamptz)';
      });
      parts.push(`ev as (insert into run_events (run_id, seq, type, node_id, data, at) values ${rows.join(', ')} on conflict (run_id, seq) do nothing returning 1)`);
    }
    // One projection per run: the latest write of the batch wins (updates from a VALUES list must not repeat a row).
    const latest = new Map<string, NonNullable<RecordEventsInput['projection']>>();
    for (const b of batch) if (b.input.projection) latest.set(b.input.runId, b.input.projection);
    if (latest.size) {
      const rows = [...latest].map(([runId, p]) => {
        values.push(runId, p.status, pgTextArray(p.currentNodes), p.variables === undefined ? null : JSON.stringify(p.variables), p.outcome ?? null, p.error ? JSON.stringify(p.error) : null, p.ended ?? false);
        return '(?::uuid, ?::text, ?::text[], ?::jsonb, ?::text, ?::jsonb, ?::boolean)';
      });
      parts.push(`pr as (update runs r set status = v.status, current_nodes = v.nodes, variables = coalesce(v.vars, r.variables), outcome = coalesce(v.outcome, r.outcome),
          error = case when v.status in ('needs_attention', 'failed') then coalesce(v.error, r.error) else null end,
          ended_at = case when v.ended then coalesce(r.ended_at, now()) else r.ended_at end, updated_at = now()
        from (values ${rows.join(', ')}) as v(id, status, nodes, vars, outcome, error, ended) where r.id = v.id returning 1)`);
      // A finished case leaves the feed's open list; the next extraction ignores or reopens it.
      const ended = [...latest].filter(([, p]) => p.ended).map(([runId]) => runId);
      if (ended.length) {
        parts.push(`cs as (update cases set status = 'closed', closed_at = now() where run_id = any(?::uuid[]) and status = 'open' returning 1)`);
        values.push(pgTextArray(ended));
      }
    }
    if (parts.length) await deps.orm.em.fork().getConnection().execute(`with ${parts.join(', ')} select 1`, values);
  }

  function drain(): void {
    timer = null;
    const batch = queue;
    queue = [];
    write(batch).then(
      () => batch.forEach((b) => b.done()),
      // One bad write must not fail its neighbours: retry each alone, so only the culprit reports an error.
      () => batch.forEach((b) => void write([b]).then(() => b.done(), (err: unknown) => b.done(err))),
    );
  }

  return function recordEvents(input: RecordEventsInput): Promise<void> {
    if (!input.events.length && !input.projection) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      queue.push({ input, done: (err) => (err === undefined ? resolve() : reject(err)) });
      timer ??= setTimeout(drain, BATCH_WINDOW_MS);
    });
  };
}
