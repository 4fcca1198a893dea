// The follow-up case of a dunned customer: one run of the follow-up flow per customer (workflow id keyed by flow,
// company and customer), started by its first letter and told of every later one by a `dunning.sent` event.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { createFlowStore, createRunStore } from '@ledgerflow/db';
import type { ActivityDeps } from '../activities/deps.ts';
import type { FlowRunInput } from '../workflows/flow-run.types.ts';

export interface FollowUpLetter {
  followUpFlowId: string;
  company: string;
  customerId: string;
  customerName: string | null;
  level: number;
  maxLevel: number;
  /** The letter's key: the event id, so a retried send tells the case once. */
  key: string;
  asOf: string;
  isTest?: boolean;
}

export const followUpWorkflowId = (flowId: string, company: string, customerId: string) =>
  `dunning-${flowId}-${encodeURIComponent(company)}-${encodeURIComponent(customerId)}`;

export async function notifyFollowUp(deps: ActivityDeps, l: FollowUpLetter): Promise<void> {
  if (!deps.temporal || !deps.taskQueue)
    throw ApplicationFailure.nonRetryable(
      'follow-up cases need a Temporal client in the worker',
      'ENGINE_MISCONFIGURED',
    );
  const workflowId = followUpWorkflowId(l.followUpFlowId, l.company, l.customerId);
  const letter = {
    level: l.level,
    final: l.level >= l.maxLevel,
    date: l.asOf,
    customer: { company: l.company, customerId: l.customerId, name: l.customerName ?? l.customerId },
  };
  const event = { name: 'dunning.sent', payload: letter, id: l.key };
  try {
    const handle = deps.temporal.workflow.getHandle(workflowId);
    const d = await handle.describe();
    if (d.status.name === 'RUNNING') {
      await handle.signal('event', event);
      return;
    }
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  const em = deps.orm.em.fork();
  const flow = await createFlowStore(em).runnable(l.followUpFlowId);
  if (!flow)
    throw ApplicationFailure.nonRetryable(
      `follow-up flow ${l.followUpFlowId} has no active version`,
      'FLOW_NOT_PUBLISHED',
    );
  const runId = randomUUID();
  const businessKey = `${l.company ? `${l.company}/` : ''}${l.customerId}`;
  const input = { letter, customer: letter.customer };
  const runs = createRunStore(em);
  const run = { runId, workflowId, flowId: flow.flow_id, version: flow.version, businessKey, input, isTest: l.isTest };
  await runs.register(run).catch(async () => {
    // A customer dunned again after its case ended: the new case reuses the workflow id.
    await runs.releaseWorkflowId(workflowId);
    await runs.register(run);
  });
  const args: FlowRunInput = {
    runId,
    flowId: flow.flow_id,
    version: flow.version,
    businessKey,
    definition: flow.definition,
    input,
    isTest: l.isTest,
  };
  try {
    // A new case starts with this letter in its input: the event is only for letters after the first.
    await deps.temporal.workflow.start('flowRunWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [args],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // Started meanwhile (a concurrent attempt, or this attempt before a crash): it may be for an earlier letter.
    await deps.temporal.workflow.getHandle(workflowId).signal('event', event);
  }
}
