import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { migrateUpdate } from '@ledgerflow/engine';
import { createRunStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from './flow.service.ts';

export interface MigrationReport {
  toVersion: number;
  migrated: Array<{ runId: string; from: number }>;
  notMigrated: Array<{ runId: string; from: number; reason: string; code: string }>;
}

/**
 * Moves running cases parked in a wait or task onto version N. The workflow's update validator decides
 * (node still exists, same kind, run really parked): each refusal is reported with its reason.
 */
export async function migrateRuns(deps: AppDeps, flowId: string, toVersion: number): Promise<MigrationReport> {
  const target = await new FlowService(deps).version(flowId, toVersion);
  const store = createRunStore(deps.orm.em.fork());
  const runs = await store.openOnOtherVersion(flowId, toVersion);
  const report: MigrationReport = { toVersion, migrated: [], notMigrated: [] };
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
    try {
      await deps.temporal.workflow
        .getHandle(r.workflow_id)
        .executeUpdate(migrateUpdate, { args: [{ version: toVersion, definition: target.definition }] });
      await store.setVersion(r.id, toVersion);
      report.migrated.push({ runId: r.id, from: r.version });
    } catch (err) {
      // The run's validator names the refusal in the failure's type; anything else is an unexpected failure.
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      const code = cause instanceof ApplicationFailure && cause.type ? cause.type : 'MIGRATION_FAILED';
      report.notMigrated.push({ runId: r.id, from: r.version, code, reason: (cause ?? (err as Error)).message });
    }
  }
  return report;
}
