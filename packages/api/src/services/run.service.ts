import { createHash, randomUUID } from 'node:crypto';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { Value } from '@sinclair/typebox/value';
import {
  ConflictError,
  isEndedRunStatus,
  ForbiddenError,
  isCanonicalDecimal,
  LedgerflowError,
  Money,
  NotFoundError,
  ValidationError,
  type FlowDefinition,
  type Problem,
} from '@ledgerflow/flow-model';
import { eventSignal, retrySignal, stateQuery, type FlowRunInput } from '@ledgerflow/engine';
import { createRunEventStore, createRunStore, type RunFilter, type RunReader, type RunRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { isSupervisor } from './task-model.ts';
import { visibleTaskPredicate } from './task-query.service.ts';

export interface StartRunRequest {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  input: Record<string, unknown>;
  businessKey: string;
  /** null for runs started by a webhook. */
  userId: string | null;
  isTest?: boolean;
  /** Scoped by the caller (user, webhook flow): a second start with the same key returns the first run. */
  idempotencyKey?: string;
}

const ended = (r: RunRow) => isEndedRunStatus(r.status);
/**
 * Bound on one call to Temporal from a request. Without it the client's retries hold a request ~20 s while
 * Temporal is down; with it the caller gets a 503 in about this long plus one backoff step (~3 s at 2 s).
 */
export const TEMPORAL_CALL_MS = 2000;

export class TemporalUnavailableError extends LedgerflowError {
  constructor(cause: unknown) {
    super(
      'TEMPORAL_UNAVAILABLE',
      'The workflow service (Temporal) is not reachable; nothing was started, retry later',
      { status: 503, retryable: true, cause },
    );
  }
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
function unreachable(err: unknown): boolean {
  const grpc = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(grpc) && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED);
}

/** A UUID derived from an idempotency key: a retried start reuses the run id, hence the workflow id. */
function keyedUuid(key: string): string {
  const b = createHash('sha256').update(`ledgerflow-run\n${key}`).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8: custom
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Which runs a user may read: supervisors every run; others the runs they started (and those runs' sub-flows)
 * and the runs holding a task they may read, by the tasks' own rule.
 */
export function runReader(u: SessionUser): RunReader {
  return isSupervisor(u) ? { all: true } : { userId: u.id, tasks: visibleTaskPredicate(u) };
}

/** Checks a run's input against the flow's declared variables before anything starts. */
export function inputProblems(def: FlowDefinition, input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const v of def.variables ?? []) {
    const value = input[v.name];
    if (value === undefined || value === null) {
      if (v.required)
        problems.push({
          path: `/input/${v.name}`,
          code: 'REQUIRED',
          message: `input '${v.name}' (${v.type}) is required`,
        });
      continue;
    }
    const bad =
      ((v.type === 'string' || v.type === 'date' || v.type === 'datetime') && typeof value !== 'string') ||
      (v.type === 'number' && typeof value !== 'number') ||
      (v.type === 'decimal' && !isCanonicalDecimal(value)) ||
      // A JSON number is refused even when its text looks exact: 0.1 + 0.2 has already happened by then.
      (v.type === 'money' && !Value.Check(Money, value)) ||
      (v.type === 'boolean' && typeof value !== 'boolean') ||
      (v.type === 'list' && !Array.isArray(value)) ||
      (v.type === 'object' && (typeof value !== 'object' || Array.isArray(value))) ||
      ((v.type === 'date' || v.type === 'datetime') && Number.isNaN(Date.parse(String(value))));
    if (bad)
      problems.push({
        path: `/input/${v.name}`,
        code: 'TYPE',
        message: `input '${v.name}' must be ${v.type === 'money' ? 'money {amount: "decimal string", currency: "EUR"}' : v.type === 'decimal' ? 'a decimal string such as "1234.50"' : `a ${v.type}`}`,
      });
  }
  return problems;
}

export class RunService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #runs() {
    return createRunStore(this.#deps.orm.em.fork());
  }
  temporalUrl(workflowId: string): string | null {
    return this.#deps.temporalUiUrl
      ? `${this.#deps.temporalUiUrl}/namespaces/${this.#deps.env.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(workflowId)}`
      : null;
  }
  /** Calls Temporal within TEMPORAL_CALL_MS; an unreachable server is a 503 TEMPORAL_UNAVAILABLE. */
  async #temporal<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.#deps.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, fn);
    } catch (err) {
      throw unreachable(err) ? new TemporalUnavailableError(err) : err;
    }
  }
  /**
   * Starts a run, or with an idempotency key returns the run that key already started (`created: false`).
   * A start that fails leaves no row: a retry with the key takes the same run id, so it cannot make a second run.
   */
  async start(req: StartRunRequest): Promise<{ runId: string; workflowId: string; created: boolean }> {
    const problems = inputProblems(req.definition, req.input);
    if (problems.length)
      throw new ValidationError(`The run input has ${problems.length} problem(s)`, problems, 'INPUT_INVALID');
    const runId = req.idempotencyKey ? keyedUuid(req.idempotencyKey) : randomUUID();
    const workflowId = `run-${runId}`;
    const inserted = await this.#runs().insertStarting({
      runId,
      workflowId,
      flowId: req.flowId,
      version: req.version,
      businessKey: req.businessKey,
      input: req.input,
      isTest: req.isTest,
      startedBy: req.userId,
      idempotencyKey: req.idempotencyKey,
    });
    if (!inserted) return this.#startAgain(req, runId);
    try {
      await this.#startWorkflow(req, runId, workflowId);
    } catch (err) {
      await this.#runs().remove(runId);
      throw err;
    }
    return { runId, workflowId, created: true };
  }
  async #startWorkflow(req: StartRunRequest, runId: string, workflowId: string): Promise<void> {
    const args: FlowRunInput = {
      runId,
      flowId: req.flowId,
      version: req.version,
      businessKey: req.businessKey,
      definition: req.definition,
      input: req.input,
      startedBy: req.userId ?? undefined,
      isTest: req.isTest,
    };
    await this.#temporal(() =>
      this.#deps.temporal.workflow.start('flowRunWorkflow', {
        taskQueue: this.#deps.taskQueue,
        workflowId,
        args: [args],
        memo: { flowId: req.flowId, version: req.version, businessKey: req.businessKey },
        // A keyed run id must never run twice, even after the first execution closed.
        ...(req.idempotencyKey ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
      }),
    );
  }
  /** The key's run exists: the same request gets it back; one still starting (a concurrent twin, a crash) is made sure of. */
  async #startAgain(
    req: StartRunRequest,
    runId: string,
  ): Promise<{ runId: string; workflowId: string; created: boolean }> {
    const r = await this.#runs().findKeyed(runId, req.idempotencyKey ?? null, req.input);
    if (!r) throw new ConflictError('RUN_ID_TAKEN', `Run ${runId} already exists`);
    if (r.flow_id !== req.flowId || r.business_key !== req.businessKey || !r.same_input) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key already started a run with another flow, business key or input',
        { runId: r.id },
      );
    }
    if (r.status === 'running') {
      try {
        await this.#startWorkflow(req, r.id, r.workflow_id);
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
    return { runId: r.id, workflowId: r.workflow_id, created: false };
  }
  async list(u: SessionUser, q: RunFilter & { limit?: number; offset?: number }) {
    const { rows, total } = await this.#runs().list(runReader(u), q, q.limit ?? 50, q.offset ?? 0);
    return { items: rows.map((r) => this.view(r)), total };
  }
  view(r: RunRow) {
    return {
      runId: r.id,
      workflowId: r.workflow_id,
      flowId: r.flow_id,
      flowName: r.flow_name ?? null,
      version: r.version,
      businessKey: r.business_key,
      status: r.status,
      outcome: r.outcome,
      currentNodes: r.current_nodes,
      currentLabels: r.current_labels ?? r.current_nodes,
      isTest: r.is_test,
      parentRunId: r.parent_run_id,
      startedBy: r.started_by,
      error: r.error,
      startedAt: new Date(r.started_at).toISOString(),
      endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    };
  }
  /** The run, if this user may read it (runReader). */
  async row(u: SessionUser, runId: string): Promise<RunRow> {
    const r = await this.#runs().getFor(runReader(u), runId);
    if (!r) throw new NotFoundError('run', runId);
    if (!r.visible)
      throw new ForbiddenError(`Run ${runId} is not yours to see: you neither started it nor hold one of its tasks`, {
        reason: 'RUN_NOT_VISIBLE',
        runId,
      });
    return r;
  }
  async get(u: SessionUser, runId: string) {
    const r = await this.row(u, runId);
    const [events, labels] = await Promise.all([
      createRunEventStore(this.#deps.orm.em.fork()).listForRun(runId),
      this.#runs().nodeLabels(runId),
    ]);
    let live: { currentNodes: string[]; variables: Record<string, unknown>; waitingFor: unknown[] } | null = null;
    if (!ended(r)) {
      live = await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).query(stateQuery)).catch(
        () => null,
      );
    }
    return {
      run: {
        ...this.view(r),
        variables: live?.variables ?? r.variables,
        input: r.input,
        currentNodes: live?.currentNodes ?? r.current_nodes,
        waitingFor: live?.waitingFor ?? [],
        temporalUrl: this.temporalUrl(r.workflow_id),
      },
      events: events.map((e) => ({
        seq: e.seq,
        type: e.type,
        nodeId: e.node_id,
        nodeLabel: e.node_id ? (labels.get(e.node_id) ?? e.node_id) : null,
        data: e.data,
        at: new Date(e.at).toISOString(),
      })),
    };
  }
  async cancel(u: SessionUser, runId: string) {
    const r = await this.row(u, runId);
    if (ended(r)) throw new ConflictError('RUN_ENDED', `Run ${runId} has already ended (${r.status})`);
    await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).cancel());
    return { ok: true as const, status: r.status };
  }
  async retry(u: SessionUser, runId: string, nodeId?: string) {
    const r = await this.row(u, runId);
    if (r.status !== 'needs_attention')
      throw new ConflictError(
        'RUN_NOT_FAILED',
        `Run ${runId} is ${r.status}; only a run that needs attention can be retried`,
      );
    await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).signal(retrySignal, { nodeId }));
    return { ok: true as const };
  }
  /** Delivers an event to one run, or to every open run of a business key. Events wait in the run until used. */
  /** `eventId`: the sender's id for this event; sending it again (a retry) delivers nothing new. */
  /** `u`: the user sending, who reaches only the runs they may read; null for a signed webhook (the flow's runs). */
  async sendEvent(
    u: SessionUser | null,
    target: { runId?: string; businessKey?: string; flowId?: string },
    name: string,
    payload: unknown,
    eventId?: string,
  ) {
    let rows: RunRow[];
    if (target.runId) rows = [u ? await this.row(u, target.runId) : await this.#anyRow(target.runId)];
    else {
      rows = await this.#runs().openByBusinessKey(
        u ? runReader(u) : { all: true },
        target.businessKey ?? '',
        target.flowId,
      );
      if (!rows.length) throw new NotFoundError('open run for business key', target.businessKey ?? '');
    }
    const delivered: string[] = [];
    for (const r of rows) {
      if (ended(r)) throw new ConflictError('RUN_ENDED', `Run ${r.id} has already ended (${r.status})`);
      try {
        await this.#temporal(() =>
          this.#deps.temporal.workflow
            .getHandle(r.workflow_id)
            .signal(eventSignal, { name, payload, id: eventId ?? randomUUID() }),
        );
        delivered.push(r.id);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return { delivered };
  }
  /** Per node of a flow: runs that entered it, failed in it, and stand on it now. */
  async nodeStats(flowId: string) {
    const em = this.#deps.orm.em.fork();
    const counts = await createRunEventStore(em).nodeCounts(flowId);
    const active = await createRunStore(em).activeNodes(flowId);
    const nodes: Record<string, { entered: number; active: number; failed: number }> = {};
    for (const r of counts) nodes[r.node_id] = { entered: Number(r.entered), failed: Number(r.failed), active: 0 };
    for (const a of active) (nodes[a.node] ??= { entered: 0, failed: 0, active: 0 }).active = Number(a.n);
    return { nodes };
  }
  async #anyRow(runId: string): Promise<RunRow> {
    const r = await this.#runs().get(runId);
    if (!r) throw new NotFoundError('run', runId);
    return r;
  }
}
