import { ApplicationFailure } from '@temporalio/activity';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { ActivityDeps } from './deps.ts';
import type { RegisterRunInput, ResolvedFlow, ResolveFlowInput } from './activity-types.ts';

export function resolveFlowActivity(deps: ActivityDeps) {
  return async function resolveFlow(input: ResolveFlowInput): Promise<ResolvedFlow> {
    const conn = deps.orm.em.fork().getConnection();
    const rows = await conn.execute<Array<{ flow_id: string; version: number; definition: FlowDefinition }>>(
      input.version
        ? 'select flow_id, version, definition from flow_versions where flow_id::text = ? and version = ?'
        : 'select v.flow_id, v.version, v.definition from flows f join flow_versions v on v.flow_id = f.id and v.version = f.active_version where f.id::text = ?',
      input.version ? [input.flowId, input.version] : [input.flowId],
    );
    const row = rows[0];
    if (!row) throw ApplicationFailure.nonRetryable(`flow '${input.flowId}' has no ${input.version ? `version ${input.version}` : 'active version'}`, 'FLOW_NOT_PUBLISHED');
    return { flowId: row.flow_id, version: row.version, definition: row.definition };
  };
}

/** Inserts the run projection row for a child run before it starts (idempotent). */
export function registerRunActivity(deps: ActivityDeps) {
  return async function registerRun(input: RegisterRunInput): Promise<void> {
    await insertRun(deps, input);
  };
}

export async function insertRun(deps: Pick<ActivityDeps, 'orm'>, input: RegisterRunInput): Promise<void> {
  await deps.orm.em.fork().getConnection().execute(
    `insert into runs (id, workflow_id, flow_id, version, business_key, status, input, variables, is_test, parent_run_id)
     values (?, ?, ?, ?, ?, 'running', ?::jsonb, ?::jsonb, ?, ?) on conflict (id) do nothing`,
    [input.runId, input.workflowId, input.flowId, input.version, input.businessKey, JSON.stringify(input.input), JSON.stringify(input.input), input.isTest ?? false, input.parentRunId ?? null],
  );
}
