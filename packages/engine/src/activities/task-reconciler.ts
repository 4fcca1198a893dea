// A safety net, not a writer of record: the run writes its tasks' rows (projectTask, transitionTask), and a run
// that is cancelled or fails settles its open tasks itself. Only a run that never got to (terminated, timed out,
// lost) can leave a row open; this pass finds such rows and settles them from the run's events. Every repair is
// counted and logged: the count should stay 0.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createRunEventStore, createTaskStore, createTaskWriter, type MikroORM } from '@ledgerflow/db';
import { ENDED_RUN_STATUSES, type TaskStatus } from '@ledgerflow/flow-model';
import { stateQuery } from '../workflows/messages.ts';

type Repair = { taskId: string; from: string; to: string; reason: string };
const ENDED: readonly string[] = ENDED_RUN_STATUSES;
let repairs = 0;

/** How many task rows this process has repaired since it started. */
export const taskRepairCount = (): number => repairs;

export interface ReconcileDeps {
  orm: MikroORM;
  temporal: Client;
  log?: { warn(o: unknown, m?: string): void };
}

/**
 * Without taskIds, a pass only looks at tasks whose run has ended in Postgres (one cheap query), unless `deep`:
 * then it also asks Temporal about each task's workflow (describe + state query), for at most `limit` tasks.
 */
export async function reconcileTasks(
  deps: ReconcileDeps,
  opts: { taskIds?: string[]; limit?: number; minAgeSeconds?: number; deep?: boolean } = {},
): Promise<{ checked: number; repaired: Repair[]; repairsTotal: number }> {
  const em = deps.orm.em.fork();
  const deep = opts.deep ?? !!opts.taskIds?.length;
  const rows = await createTaskStore(em).repairCandidates({
    taskIds: opts.taskIds,
    deep,
    minAgeSeconds: opts.minAgeSeconds ?? 30,
    limit: opts.limit ?? (deep ? 50 : 500),
  });
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
          if (state.waitingFor.some((w) => w.kind === 'task' && w.detail === c.id)) continue;
          // Not waiting for it: settled by the run if its events say so, else leave it to the next pass.
          why = 'the run no longer waits for it';
        }
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) continue;
        ended = true;
        why = 'workflow not found';
      }
    }
    const events = await createRunEventStore(em).listForRun(c.run_id);
    const ev = events
      .filter((e) => (e.type === 'task.completed' || e.type === 'task.expired') && e.data.taskId === c.id)
      .at(-1);
    const outcome = typeof ev?.data.outcome === 'string' ? ev.data.outcome : null;
    let to: TaskStatus | null = null;
    if (ev?.type === 'task.completed')
      to = c.outcomes.find((o) => o.name === outcome)?.kind === 'reject' ? 'rejected' : 'completed';
    else if (ev?.type === 'task.expired') to = 'expired';
    else if (ended) to = 'cancelled';
    if (!to) continue;
    const by = typeof ev?.data.by === 'string' ? ev.data.by : null;
    const done = await createTaskWriter(em).apply({
      taskId: c.id,
      change: { kind: 'reconciled', to, outcome, userId: by },
      history: { kind: 'reconciled', userId: null, reason: why, data: { from: c.status, to } },
    });
    if (done) {
      repairs += 1;
      deps.log?.warn(
        { taskId: c.id, from: c.status, to, reason: why, repairsTotal: repairs },
        'task row repaired: its run did not settle it',
      );
      repaired.push({ taskId: c.id, from: c.status, to, reason: why });
    }
  }
  return { checked: rows.length, repaired, repairsTotal: repairs };
}

/** Runs the reconciler every `everyMs` until stopped; errors are logged, never thrown. */
export function startTaskReconciler(
  deps: ReconcileDeps & { log: { warn(o: unknown, m?: string): void } },
  everyMs = 60_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileTasks(deps)
      .catch((err: unknown) => deps.log.warn({ err }, 'task reconciler pass failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
