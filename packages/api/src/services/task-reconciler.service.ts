// The task-row safety net lives in the engine, the tasks' one writer; the API runs its periodic pass and the
// admin's POST /api/tasks/reconcile.
import { reconcileTasks as reconcile, startTaskReconciler } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';

export function reconcileTasks(
  deps: Pick<AppDeps, 'orm' | 'temporal'>,
  opts: { taskIds?: string[]; limit?: number; minAgeSeconds?: number; deep?: boolean } = {},
) {
  return reconcile(deps, opts);
}

export function startReconciler(
  deps: Pick<AppDeps, 'orm' | 'temporal'>,
  log: { warn(o: unknown, m?: string): void },
  everyMs = 60_000,
): () => void {
  return startTaskReconciler({ ...deps, log }, everyMs);
}
