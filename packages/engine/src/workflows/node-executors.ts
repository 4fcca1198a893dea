// One executor per node kind. Each returns the source handle to follow next.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  executeChild,
  patched,
  proxyActivities,
  sleep,
  TimeoutFailure,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { FlowNode, NodeOfKind, WaitSpec } from '@ledgerflow/flow-model';
import type { EngineActivities, EvaluateResult } from '../activities/activity-types.ts';
import { hasHandle } from './graph.ts';
import { acked, event, flush, flushIfDue, local, type RunContext } from './run-context.ts';
import { runHumanTask } from './human-task.ts';
import type { FlowRunInput, FlowRunResult } from './flow-run.types.ts';
import { runDunningClassify, runDunningPause, runDunningSend } from './dunning-executors.ts';

const iso = () => new Date().toISOString();

// Sub-flow lookups and registrations fail only when Postgres is away: retried for the platform window.
const structural = proxyActivities<EngineActivities>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '20m',
  retry: { maximumInterval: '30s' },
});

/**
 * Not async on purpose, like the other hot-path helpers: the SDK's promise hook captures a stack trace
 * for every promise a workflow creates (each `await` adds one), and that is most of an interpreter's
 * overhead over hand-written code. Measured in bench/interpreter.
 */
export function executeNode(ctx: RunContext, node: FlowNode): Promise<string> {
  switch (node.kind) {
    case 'decision': {
      const f = flushIfDue(ctx);
      return local
        .evaluate({
          flush: f,
          type: 'decision',
          nodeId: node.id,
          outcomes: node.config.outcomes,
          defaultOutcome: node.config.defaultOutcome,
          vars: ctx.vars,
          settings: ctx.settings,
        })
        .then((r) => {
          acked(ctx, f);
          return decided(ctx, node.id, r);
        });
    }
    case 'decisionTable': {
      const out = node.config.outputVariable;
      const f = flushIfDue(ctx);
      return local
        .evaluate({
          flush: f,
          type: 'decisionTable',
          nodeId: node.id,
          config: node.config,
          vars: ctx.vars,
          settings: ctx.settings,
          // A test run may run a draft whose table changes under the same version number: it is keyed by content.
          ...(ctx.input.isTest ? {} : { tableKey: `${ctx.input.flowId}@${ctx.version}#${node.id}` }),
        })
        .then((r) => {
          acked(ctx, f);
          if (r.type === 'decision' && out) ctx.vars[out] = r.outcomes ?? [r.outcome];
          return decided(ctx, node.id, r);
        });
    }
    case 'setVariables': {
      const f = flushIfDue(ctx);
      return local
        .evaluate({
          flush: f,
          type: 'assign',
          nodeId: node.id,
          assignments: node.config.assignments,
          vars: ctx.vars,
          timezone: ctx.settings.timezone,
          calendar: ctx.settings.calendar,
        })
        .then((r) => {
          acked(ctx, f);
          if (r.type === 'assign') Object.assign(ctx.vars, r.values);
          event(ctx, 'variables.set', node.id, { variables: r.type === 'assign' ? Object.keys(r.values) : [] }, iso());
          return 'next';
        });
    }
    case 'action':
      return runActionNode(ctx, node);
    case 'humanTask':
      return runHumanTask(ctx, node);
    case 'wait':
      return runWait(ctx, node);
    case 'waitForEvent':
      return runWaitForEvent(ctx, node);
    case 'subFlow':
      return runSubFlow(ctx, node);
    case 'forEach':
      return runForEach(ctx, node);
    case 'dunning.classify':
      return runDunningClassify(ctx, node, describeFailure);
    case 'dunning.send':
      return runDunningSend(ctx, node, describeFailure);
    case 'dunning.pause':
      return runDunningPause(ctx, node, describeFailure);
    default:
      return Promise.reject(
        ApplicationFailure.nonRetryable(`node kind '${node.kind}' cannot be executed here`, 'FLOW_INVALID', {
          nodeId: node.id,
        }),
      );
  }
}

function decided(ctx: RunContext, nodeId: string, r: EvaluateResult): string {
  if (r.type !== 'decision')
    throw ApplicationFailure.nonRetryable('decision evaluation returned no outcome', 'ENGINE_ERROR');
  event(ctx, 'decision', nodeId, { outcome: r.outcome, outcomes: r.outcomes, trace: r.trace }, iso());
  return r.outcome;
}

/**
 * Failures of the platform rather than of the target system's business: a connector that cannot be
 * reached, our Postgres away, an activity that timed out because its worker died. They must not burn
 * the node's retry budget: Temporal does not retry them by the node's policy, the workflow does (below).
 */
const PLATFORM_CODES = ['PLATFORM_UNAVAILABLE', 'CONNECTOR_UNREACHABLE', 'CONNECTOR_TIMEOUT'];
const PLATFORM_WINDOW_MS = 15 * 60_000;
const PLATFORM_FIRST_DELAY_MS = 1_000;
const PLATFORM_MAX_DELAY_MS = 30_000;

function actionProxy(c: NodeOfKind<'action'>['config']) {
  const retry = c.retry ?? { maximumAttempts: 3, initialIntervalSeconds: 1, backoffCoefficient: 2 };
  return proxyActivities<EngineActivities>({
    startToCloseTimeout: `${c.timeoutSeconds ?? 60}s`,
    // runAction heartbeats while the connector works: a dead worker is noticed in seconds.
    heartbeatTimeout: '10s',
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialInterval: `${retry.initialIntervalSeconds}s`,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalSeconds ? `${retry.maximumIntervalSeconds}s` : undefined,
      nonRetryableErrorTypes: PLATFORM_CODES,
    },
  });
}

/** A run of consecutive platform failures of one node visit: when it began, and how many retries so far. */
interface PlatformStreak {
  since: number;
  tries: number;
}

function runActionNode(ctx: RunContext, node: NodeOfKind<'action'>, streak?: PlatformStreak): Promise<string> {
  const c = node.config;
  // The key names the node visit, so activity retries, platform retries, replays AND an operator's retry
  // reuse it: effects happen once. The trailing ':1' once counted operator retries; it stays so keys
  // issued before (outbox rows, Message-IDs) still match.
  const idempotencyKey = `${workflowInfo().workflowId}:${node.id}:${ctx.visits[node.id] ?? 1}:1`;
  const f = flushIfDue(ctx);
  return actionProxy(c)
    .runAction({
      flush: f,
      runId: ctx.input.runId,
      nodeId: node.id,
      connector: c.connector,
      action: c.action,
      connectionId: c.connectionId,
      inputs: c.inputs,
      vars: ctx.vars,
      idempotencyKey,
      timezone: ctx.settings.timezone,
      calendar: ctx.settings.calendar,
    })
    .then(
      (r) => {
        acked(ctx, f);
        if (c.outputVariable) ctx.vars[c.outputVariable] = r.output;
        if (r.deliveryUncertain) {
          // An earlier attempt may have delivered already: resent under the same key (same Message-ID).
          event(
            ctx,
            'delivery.uncertain',
            node.id,
            {
              connector: c.connector,
              action: c.action,
              idempotencyKey,
              reason:
                'an earlier attempt may have been delivered before it could be recorded; resent with the same identity',
            },
            iso(),
          );
        }
        event(
          ctx,
          'action.result',
          node.id,
          {
            connector: c.connector,
            action: c.action,
            input: r.input,
            output: r.output,
            durationMs: r.durationMs,
            ...(r.deliveryUncertain ? { deliveryUncertain: true } : {}),
          },
          iso(),
        );
        return 'next';
      },
      (err: unknown) => actionFailed(ctx, node, err, streak),
    );
}

async function actionFailed(
  ctx: RunContext,
  node: NodeOfKind<'action'>,
  err: unknown,
  streak: PlatformStreak | undefined,
): Promise<string> {
  const c = node.config;
  const failure = describeFailure(err);
  if (failure.platform && patched('platform-retry')) {
    const since = streak?.since ?? Date.now();
    const opts = ctx.input.platformRetry;
    const minutes = ctx.graph.def.settings?.platformRetryMinutes;
    const windowMs = opts?.windowMs ?? (minutes ? minutes * 60_000 : PLATFORM_WINDOW_MS);
    if (Date.now() - since < windowMs) {
      const tries = (streak?.tries ?? 0) + 1;
      const delayMs = Math.min(
        opts?.maxDelayMs ?? PLATFORM_MAX_DELAY_MS,
        (opts?.firstDelayMs ?? PLATFORM_FIRST_DELAY_MS) * 2 ** (tries - 1),
      );
      event(
        ctx,
        'action.retrying',
        node.id,
        {
          connector: c.connector,
          action: c.action,
          code: failure.code,
          message: failure.message,
          retry: tries,
          delayMs,
        },
        iso(),
      );
      ctx.waitingFor = [{ nodeId: node.id, kind: 'platform', detail: failure.message }];
      // An operator's retry signal ends the pause early.
      await sleepUnlessWoken(ctx, node.id, delayMs);
      ctx.retryRequested.delete(node.id);
      ctx.waitingFor = [];
      return runActionNode(ctx, node, { since, tries });
    }
    failure.message = `${failure.message} (still failing after ${Math.round(windowMs / 1000)} s of retries)`;
  }
  event(ctx, 'error', node.id, { connector: c.connector, action: c.action, ...failure }, iso());
  ctx.vars.lastError = { nodeId: node.id, ...failure };
  if (hasHandle(ctx.graph, node.id, 'error')) return 'error';
  // No error edge: park visibly until someone retries from the API.
  ctx.status = 'needs_attention';
  ctx.waitingFor = [{ nodeId: node.id, kind: 'retry', detail: failure.message }];
  event(ctx, 'needs_attention', node.id, failure, iso());
  await flush(ctx, { error: { nodeId: node.id, ...failure } });
  await condition(() => ctx.retryRequested.has(node.id));
  ctx.retryRequested.delete(node.id);
  ctx.status = 'running';
  ctx.waitingFor = [];
  return runActionNode(ctx, node);
}

/** Error types Temporal gives plain JS errors (their class name): they say nothing, so they get a code. */
const JS_ERROR_NAME = /^[A-Za-z]*Error$/;

export function describeFailure(err: unknown): {
  message: string;
  code: string;
  retryable: boolean;
  platform: boolean;
  details?: unknown;
} {
  let e: unknown = err;
  if (e instanceof ActivityFailure && e.cause) e = e.cause;
  if (e instanceof TimeoutFailure) {
    // Most often the worker running the action died (heartbeat) or the action outlived its timeout.
    return {
      message: `activity timed out (${e.timeoutType === 'HEARTBEAT' ? 'no heartbeat: its worker stopped' : (e.timeoutType?.toLowerCase() ?? 'timeout')})`,
      code: 'ACTIVITY_TIMEOUT',
      retryable: true,
      platform: true,
    };
  }
  if (e instanceof ApplicationFailure) {
    const code = !e.type || JS_ERROR_NAME.test(e.type) ? 'ACTION_FAILED' : e.type;
    return {
      message: e.message,
      code,
      retryable: !e.nonRetryable,
      platform: PLATFORM_CODES.includes(code),
      details: e.details?.[0],
    };
  }
  return {
    message: e instanceof Error ? e.message : String(e),
    code: 'ACTION_FAILED',
    retryable: true,
    platform: false,
  };
}

/** Clock-time durations (PT…) are exact elapsed time, independent of calendar and timezone. */
function clockDurationMs(spec: WaitSpec): number | null {
  if (spec.type !== 'duration') return null;
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(spec.iso);
  if (!m || spec.iso === 'PT') return null;
  return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
}

export async function untilMs(
  ctx: RunContext,
  nodeId: string,
  spec: WaitSpec,
): Promise<{ ms: number; untilIso: string }> {
  const clock = clockDurationMs(spec);
  if (clock !== null) return { ms: clock, untilIso: new Date(Date.now() + clock).toISOString() };
  const f = flushIfDue(ctx);
  const r = await local.evaluate({
    flush: f,
    type: 'waitUntil',
    nodeId,
    spec,
    fromIso: iso(),
    vars: ctx.vars,
    settings: ctx.settings,
  });
  acked(ctx, f);
  if (r.type !== 'waitUntil') throw ApplicationFailure.nonRetryable('wait evaluation returned no date', 'ENGINE_ERROR');
  return { ms: Math.max(0, Date.parse(r.untilIso) - Date.now()), untilIso: r.untilIso };
}

/** Below this, a wait's event is written with the next batch: the projection already says "waiting". */
const FLUSH_BEFORE_WAIT_MS = 60_000;

async function runWait(ctx: RunContext, node: NodeOfKind<'wait'>): Promise<string> {
  ctx.status = 'waiting';
  const clock = clockDurationMs(node.config.until);
  const { ms, untilIso } =
    clock !== null
      ? { ms: clock, untilIso: new Date(Date.now() + clock).toISOString() }
      : await untilMs(ctx, node.id, node.config.until);
  event(ctx, 'wait.scheduled', node.id, { until: untilIso }, iso());
  ctx.waitingFor = [{ nodeId: node.id, kind: 'timer', detail: untilIso }];
  if (ms >= FLUSH_BEFORE_WAIT_MS) await flush(ctx);
  await sleepUnlessWoken(ctx, node.id, ms);
  ctx.retryRequested.delete(node.id);
  ctx.status = 'running';
  ctx.waitingFor = [];
  return 'next';
}

/**
 * A timer that a retry signal for this node ends early ("skip the wait"). Lighter than condition() with a
 * timeout (no cancellation scope, a third of the promises). A timer left behind by a wake-up fires into
 * nothing, and is cancelled with the run like any other.
 */
function sleepUnlessWoken(ctx: RunContext, nodeId: string, ms: number): Promise<void> {
  if (ctx.retryRequested.has(nodeId)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      ctx.wakers.delete(nodeId);
      resolve();
    };
    ctx.wakers.set(nodeId, done);
    sleep(ms).then(done, (err: unknown) => {
      ctx.wakers.delete(nodeId);
      reject(err);
    });
  });
}

async function runWaitForEvent(ctx: RunContext, node: NodeOfKind<'waitForEvent'>): Promise<string> {
  const name = node.config.event;
  let timeoutMs: number | undefined;
  let untilIso: string | undefined;
  if (node.config.timeout) ({ ms: timeoutMs, untilIso } = await untilMs(ctx, node.id, node.config.timeout));
  ctx.status = 'waiting';
  ctx.waitingFor = [{ nodeId: node.id, kind: 'event', detail: name }];
  event(ctx, 'wait.scheduled', node.id, { event: name, timeoutAt: untilIso ?? null }, iso());
  await flush(ctx);
  const got = await condition(() => ctx.inbox.some((e) => e.name === name), timeoutMs);
  ctx.status = 'running';
  ctx.waitingFor = [];
  if (!got && timeoutMs !== undefined) return 'timeout';
  const idx = ctx.inbox.findIndex((e) => e.name === name);
  const [received] = ctx.inbox.splice(idx, 1);
  if (node.config.outputVariable) ctx.vars[node.config.outputVariable] = received?.payload ?? null;
  event(ctx, 'event.received', node.id, { event: name, payload: received?.payload ?? null }, iso());
  return 'next';
}

async function startChildRun(
  ctx: RunContext,
  nodeId: string,
  flowId: string,
  version: number | undefined,
  input: Record<string, unknown>,
  businessKey: string,
): Promise<FlowRunResult> {
  const resolved = await structural.resolveFlow({ flowId, version });
  const runId = uuid4();
  const workflowId = `run-${runId}`;
  await structural.registerRun({
    runId,
    workflowId,
    flowId: resolved.flowId,
    version: resolved.version,
    businessKey,
    input,
    parentRunId: ctx.input.runId,
    isTest: ctx.input.isTest,
  });
  const childInput: FlowRunInput = {
    runId,
    flowId: resolved.flowId,
    version: resolved.version,
    businessKey,
    definition: resolved.definition,
    input,
    startedBy: ctx.input.startedBy,
    isTest: ctx.input.isTest,
  };
  event(ctx, 'node.entered', nodeId, { child: runId }, iso());
  return executeChild('flowRunWorkflow', { workflowId, args: [childInput] }) as Promise<FlowRunResult>;
}

async function runSubFlow(ctx: RunContext, node: NodeOfKind<'subFlow'>): Promise<string> {
  const inputs: Record<string, unknown> = {};
  for (const [k, expr] of Object.entries(node.config.inputs)) {
    const f = flushIfDue(ctx);
    const r = await local.evaluate({
      flush: f,
      type: 'expression',
      nodeId: node.id,
      expression: expr,
      vars: ctx.vars,
      timezone: ctx.settings.timezone,
      calendar: ctx.settings.calendar,
    });
    acked(ctx, f);
    if (r.type === 'expression') inputs[k] = r.value;
  }
  await flush(ctx);
  const result = await startChildRun(
    ctx,
    node.id,
    node.config.flowId,
    node.config.version,
    inputs,
    String(ctx.input.businessKey),
  );
  if (node.config.outputVariable)
    ctx.vars[node.config.outputVariable] = { outcome: result.outcome, variables: result.variables };
  return 'next';
}

async function runForEach(ctx: RunContext, node: NodeOfKind<'forEach'>): Promise<string> {
  const f = flushIfDue(ctx);
  const r = await local.evaluate({
    flush: f,
    type: 'expression',
    nodeId: node.id,
    expression: node.config.items,
    vars: ctx.vars,
    timezone: ctx.settings.timezone,
    calendar: ctx.settings.calendar,
  });
  acked(ctx, f);
  const raw = r.type === 'expression' ? r.value : [];
  const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const itemVar = node.config.itemVariable ?? 'item';
  const results: unknown[] = new Array(items.length);
  let next = 0;
  await flush(ctx);
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const res = await startChildRun(
        ctx,
        node.id,
        node.config.flowId,
        undefined,
        { [itemVar]: items[i], index: i },
        `${ctx.input.businessKey}#${i}`,
      );
      results[i] = { outcome: res.outcome, variables: res.variables };
    }
  };
  await Promise.all(Array.from({ length: Math.min(node.config.concurrency, items.length) }, worker));
  if (node.config.outputVariable) ctx.vars[node.config.outputVariable] = results;
  return 'next';
}
