// The tasks table is a projection of the runs. When a task is open in Postgres but its run has ended
// (or no longer waits for it), the reconciler repairs the row from the run's events / the workflow's state.
import { WorkflowNotFoundError } from '@temporalio/client';
import { stateQuery } from '@ledgerflow/engine';
import { pgTextArray } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { addHistory } from './task-model.ts';

type Candidate = { id: string; run_id: string; workflow_id: string; run_status: string; status: string };
type Repair = { taskId: string; from: string; to: string; reason: string };
const ENDED = ['completed', 'failed', 'cancelled'];

/**
 * Without taskIds, a pass only looks at tasks whose run has ended in Postgres (one cheap query), unless `deep`:
 * then it also asks Temporal about each task's workflow (describe + state query), for at most `limit` tasks.
 */
export async function reconcileTasks(deps: Pick<AppDeps, 'orm' | 'temporal'>, opts: { taskIds?: string[]; limit?: number; minAgeSeconds?: number; deep?: boolean } = {}): Promise<{ checked: number; repaired: Repair[] }> {
  const conn = deps.orm.em.fork().getConnection();
  const params: unknown[] = [];
  const deep = opts.deep ?? !!opts.taskIds?.length;
  let filter = deep ? 'true' : `r.status in ('completed', 'failed', 'cancelled')`;
  if (opts.taskIds?.length) {
    filter += ' and t.id = any(?::uuid[])';
    params.push(pgTextArray(opts.taskIds));
  } else {
    // Recently touched tasks are still settling (the row is written right after the run moves on).
    filter += ` and t.updated_at < now() - make_interval(secs => ?)`;
    params.push(opts.minAgeSeconds ?? 30);
  }
  const rows = await conn.execute<Candidate[]>(
    `select t.id, t.run_id, t.workflow_id, r.status as run_status, t.status from tasks t join runs r on r.id = t.run_id
      where t.status in ('open', 'claimed') and ${filter} order by t.updated_at limit ?`, [...params, opts.limit ?? (deep ? 50 : 500)]);
  const repaired: Repair[] = [];
  for (const c of rows) {
    let ended = ENDED.includes(c.run_status);
    let why = `run is ${c.run_status}`;
    if (!ended) {
      try {
        const handle = deps.temporal.workflow.getHandle(c.workflow_id);
        const d = await handle.describe();
        if (d.status.name !== 'RUNNING') {
          ended = true;
          why = `workflow is ${d.status.name.toLowerCase()}`;
        } else {
          const state = await handle.query(stateQuery);
          const waiting = state.waitingFor.some((w) => w.kind === 'task' && w.detail === c.id);
          if (waiting) continue;
          // Not waiting for it: settled by the run if its events say so, else leave it to the next pass.
          why = 'the run no longer waits for it';
        }
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) continue;
        ended = true;
        why = 'workflow not found';
      }
    }
    const [ev] = await conn.execute<Array<{ type: string; data: { outcome?: string; by?: string; exempted?: boolean } }>>(
      `select type, data from run_events where run_id = ? and type in ('task.completed', 'task.expired') and data->>'taskId' = ? order by seq desc limit 1`, [c.run_id, c.id]);
    let to: string | null = null;
    if (ev?.type === 'task.completed') to = /^reject/i.test(ev.data.outcome ?? '') ? 'rejected' : 'completed';
    else if (ev?.type === 'task.expired') to = 'expired';
    else if (ended) to = 'cancelled';
    if (!to) continue;
    const done = await conn.execute<Array<{ id: string }>>(
      `update tasks set status = ?, outcome = coalesce(?, outcome), completed_by = coalesce(?::uuid, completed_by), completed_at = case when ? in ('completed','rejected') then coalesce(completed_at, now()) else completed_at end,
         claimed_by = null, updated_at = now() where id = ? and status in ('open', 'claimed') returning id`,
      [to, ev?.data.outcome ?? null, ev?.data.by && /^[0-9a-f-]{36}$/.test(ev.data.by) ? ev.data.by : null, to, c.id]);
    if (done.length) {
      await addHistory(deps.orm, c.id, 'reconciled', null, why, { from: c.status, to });
      repaired.push({ taskId: c.id, from: c.status, to, reason: why });
    }
  }
  return { checked: rows.length, repaired };
}

/** Runs the reconciler every `everyMs` until stopped; errors are logged, never thrown. */
export function startReconciler(deps: Pick<AppDeps, 'orm' | 'temporal'>, log: { warn(o: unknown, m?: string): void }, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileTasks(deps).catch((err: unknown) => log.warn({ err }, 'task reconciler pass failed')).finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
