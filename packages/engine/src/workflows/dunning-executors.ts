// Executors of the dunning-run node kinds. The ledger work happens in activities; the run keeps the batch summary.
import { condition, proxyActivities } from '@temporalio/workflow';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import type { EngineActivities } from '../activities/activity-types.ts';
import { acked, event, flush, flushIfDue, local, type RunContext } from './run-context.ts';

/** node-executors' describeFailure, passed in so this file does not import that one back. */
type Describe = (err: unknown) => { message: string; code: string };

const iso = () => new Date().toISOString();

// Classifying a large ledger and sending hundreds of letters take minutes: heartbeats tell a dead worker apart.
const dunning = proxyActivities<EngineActivities>({
  startToCloseTimeout: '1h',
  heartbeatTimeout: '2m',
  retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 },
});

/** A failure parks the run until an operator retries it (POST /api/runs/:id/retry), as an action without error edge. */
async function parkedUntilRetried(ctx: RunContext, nodeId: string, failure: ReturnType<Describe>): Promise<void> {
  event(ctx, 'error', nodeId, failure, iso());
  ctx.vars.lastError = { nodeId, ...failure };
  ctx.status = 'needs_attention';
  ctx.waitingFor = [{ nodeId, kind: 'retry', detail: failure.message }];
  event(ctx, 'needs_attention', nodeId, failure, iso());
  await flush(ctx, { error: { nodeId, ...failure } });
  await condition(() => ctx.retryRequested.has(nodeId));
  ctx.retryRequested.delete(nodeId);
  ctx.status = 'running';
  ctx.waitingFor = [];
}

export async function runDunningClassify(
  ctx: RunContext,
  node: NodeOfKind<'dunning.classify'>,
  describe: Describe,
): Promise<string> {
  await flush(ctx);
  for (;;) {
    try {
      const batch = await dunning.dunningClassify({
        runId: ctx.input.runId,
        flowId: ctx.input.flowId,
        nodeId: node.id,
        atIso: iso(),
        timezone: ctx.settings.timezone,
        calendar: ctx.settings.calendar,
        config: node.config,
      });
      if (node.config.outputVariable) ctx.vars[node.config.outputVariable] = batch;
      event(ctx, 'dunning.classified', node.id, { ...batch }, iso());
      return 'next';
    } catch (err) {
      await parkedUntilRetried(ctx, node.id, describe(err));
    }
  }
}

export async function runDunningSend(
  ctx: RunContext,
  node: NodeOfKind<'dunning.send'>,
  describe: Describe,
): Promise<string> {
  const f = flushIfDue(ctx);
  const r = await local.evaluate({
    flush: f,
    type: 'expression',
    nodeId: node.id,
    expression: node.config.batch,
    vars: ctx.vars,
    timezone: ctx.settings.timezone,
    calendar: ctx.settings.calendar,
  });
  acked(ctx, f);
  const batchId = r.type === 'expression' ? r.value : undefined;
  await flush(ctx);
  for (;;) {
    try {
      if (typeof batchId !== 'string' || !batchId) throw new Error(`the batch expression gave no batch id`);
      const result = await dunning.dunningSend({
        runId: ctx.input.runId,
        flowId: ctx.input.flowId,
        nodeId: node.id,
        batchId,
        connectionId: node.config.connectionId,
        companyName: node.config.companyName,
        replyTo: node.config.replyTo,
        followUpFlowId: node.config.followUpFlowId,
        isTest: ctx.input.isTest,
      });
      if (node.config.outputVariable) ctx.vars[node.config.outputVariable] = result;
      event(ctx, 'dunning.sent', node.id, { ...result }, iso());
      return 'next';
    } catch (err) {
      await parkedUntilRetried(ctx, node.id, describe(err));
    }
  }
}

/** Evaluates one of the node's expressions over the run's variables (in the flow's timezone and calendar). */
async function value(ctx: RunContext, nodeId: string, expression: string | undefined): Promise<unknown> {
  if (expression === undefined) return undefined;
  const f = flushIfDue(ctx);
  const r = await local.evaluate({
    flush: f,
    type: 'expression',
    nodeId,
    expression,
    vars: ctx.vars,
    timezone: ctx.settings.timezone,
    calendar: ctx.settings.calendar,
  });
  acked(ctx, f);
  return r.type === 'expression' ? r.value : undefined;
}

export async function runDunningPause(
  ctx: RunContext,
  node: NodeOfKind<'dunning.pause'>,
  describe: Describe,
): Promise<string> {
  const c = node.config;
  const customer = (await value(ctx, node.id, c.customer)) as { company?: unknown; customerId?: unknown } | null;
  const until = await value(ctx, node.id, c.until);
  const reason = await value(ctx, node.id, c.reason);
  const input = {
    company: typeof customer?.company === 'string' ? customer.company : '',
    customerId: String(customer?.customerId ?? ''),
    until: c.until === undefined || until === null || until === undefined ? null : String(until).slice(0, 10),
    reason: reason === null || reason === undefined ? null : String(reason).slice(0, 500),
  };
  for (;;) {
    try {
      const r = await dunning.dunningPause(input);
      event(ctx, 'dunning.paused', node.id, { ...input, found: r.found }, iso());
      return 'next';
    } catch (err) {
      await parkedUntilRetried(ctx, node.id, describe(err));
    }
  }
}
