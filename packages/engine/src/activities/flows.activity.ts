import { ApplicationFailure } from '@temporalio/activity';
import { createFlowStore, createRunStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { RegisterRunInput, ResolvedFlow, ResolveFlowInput } from './activity-types.ts';

export function resolveFlowActivity(deps: ActivityDeps) {
  return async function resolveFlow(input: ResolveFlowInput): Promise<ResolvedFlow> {
    const row = await createFlowStore(deps.orm.em.fork()).runnable(input.flowId, input.version);
    if (!row)
      throw ApplicationFailure.nonRetryable(
        `flow '${input.flowId}' has no ${input.version ? `version ${input.version}` : 'active version'}`,
        'FLOW_NOT_PUBLISHED',
      );
    return { flowId: row.flow_id, version: row.version, definition: row.definition };
  };
}

/** Inserts the run projection row for a child run before it starts (idempotent). */
export function registerRunActivity(deps: ActivityDeps) {
  return async function registerRun(input: RegisterRunInput): Promise<void> {
    await createRunStore(deps.orm.em.fork()).register(input);
  };
}
