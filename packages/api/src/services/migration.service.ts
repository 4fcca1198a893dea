import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { migrateUpdate, migrationCheckQuery, type MigrationChange } from '@ledgerflow/engine';
import { createRunStore } from '@ledgerflow/db';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from './flow.service.ts';

interface Refusal {
  runId: string;
  from: number;
  reason: string;
  code: string;
  changes?: MigrationChange[];
}

export interface MigrationReport {
  toVersion: number;
  /** A dry run applies nothing: `migrated` then lists the runs that applying would move. */
  dryRun: boolean;
  migrated: Array<{ runId: string; from: number }>;
  notMigrated: Refusal[];
}

/** The changes a refusal carries as its failure's first detail (OPEN_TASK_CHANGED), if any. */
function changesOf(cause: ApplicationFailure): MigrationChange[] | undefined {
  const d = cause.details?.[0] as { changes?: MigrationChange[] } | undefined;
  return d?.changes;
}

/**
 * Moves running cases parked in a wait or task onto version N, or with `dryRun` only says which would move. The
 * run decides both ways with the same check (migration-check.ts): the dry run asks it through a query, applying
 * through the migrate update's validator, so applying refuses exactly what the dry run reported — never a run
 * whose open task would change under its approver.
 */
export async function migrateRuns(
  deps: AppDeps,
  flowId: string,
  toVersion: number,
  dryRun = false,
): Promise<MigrationReport> {
  const target = await new FlowService(deps).version(flowId, toVersion);
  const definition = target.definition as unknown as FlowDefinition;
  const store = createRunStore(deps.orm.em.fork());
  const runs = await store.openOnOtherVersion(flowId, toVersion);
  const report: MigrationReport = { toVersion, dryRun, migrated: [], notMigrated: [] };
  for (const r of runs) {
    if (r.status !== 'waiting') {
      report.notMigrated.push({
        runId: r.id,
        from: r.version,
        code: 'NOT_PARKED',
        reason: `the run is ${r.status}, not parked in a wait or task`,
      });
      continue;
    }
    const handle = deps.temporal.workflow.getHandle(r.workflow_id);
    try {
      if (dryRun) {
        const check = await handle.query(migrationCheckQuery, { definition });
        if (check.ok) report.migrated.push({ runId: r.id, from: r.version });
        else report.notMigrated.push({ runId: r.id, from: r.version, ...check });
        continue;
      }
      await handle.executeUpdate(migrateUpdate, { args: [{ version: toVersion, definition }] });
      await store.setVersion(r.id, toVersion);
      report.migrated.push({ runId: r.id, from: r.version });
    } catch (err) {
      // The run's validator names the refusal in the failure's type; anything else is an unexpected failure.
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      const failure = cause instanceof ApplicationFailure && cause.type ? cause : undefined;
      const changes = failure ? changesOf(failure) : undefined;
      report.notMigrated.push({
        runId: r.id,
        from: r.version,
        code: failure?.type ?? 'MIGRATION_FAILED',
        reason: (cause ?? (err as Error)).message,
        ...(changes ? { changes } : {}),
      });
    }
  }
  return report;
}
