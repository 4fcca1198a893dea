import { createHash, randomUUID } from 'node:crypto';
import { isGrpcServiceError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { ConflictError, ForbiddenError, LedgerflowError, NotFoundError, ValidationError, type FlowDefinition, type Problem } from '@ledgerflow/flow-model';
import { eventSignal, retrySignal, stateQuery, type FlowRunInput } from '@ledgerflow/engine';
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

type RunRow = {
  id: string; workflow_id: string; flow_id: string; version: number; business_key: string; status: string; outcome: string | null;
  current_nodes: string[]; variables: Record<string, unknown>; input: Record<string, unknown>; is_test: boolean; parent_run_id: string | null;
  error: Record<string, unknown> | null; started_at: Date; ended_at: Date | null; updated_at: Date; started_by: string | null; idempotency_key: string | null;
};

const ENDED = ['completed', 'failed', 'cancelled'];
/**
 * Bound on one call to Temporal from a request. Without it the client's retries hold a request ~20 s while
 * Temporal is down; with it the caller gets a 503 in about this long plus one backoff step (~3 s at 2 s).
 */
export const TEMPORAL_CALL_MS = 2000;

export class TemporalUnavailableError extends LedgerflowError {
  constructor(cause: unknown) {
    super('TEMPORAL_UNAVAILABLE', 'The workflow service (Temporal) is not reachable; nothing was started, retry later', { status: 503, retryable: true, cause });
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
 * Which runs a user may read, as SQL over runs aliased r: supervisors every run; others the runs they started
 * (and those runs' sub-flows) and the runs holding a task they may read, by the tasks' own rule.
 */
export function visibleRunPredicate(u: SessionUser): { sql: string; params: unknown[] } {
  if (isSupervisor(u)) return { sql: 'true', params: [] };
  const t = visibleTaskPredicate(u);
  return {
    sql: `(r.started_by = ? or r.parent_run_id in (select p.id from runs p where p.started_by = ?) or r.id in (select t.run_id from tasks t where ${t.sql}))`,
    params: [u.id, u.id, ...t.params],
  };
}

/** Checks a run's input against the flow's declared variables before anything starts. */
export function inputProblems(def: FlowDefinition, input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const v of def.variables ?? []) {
    const value = input[v.name];
    if (value === undefined || value === null) {
      if (v.required) problems.push({ path: `/input/${v.name}`, code: 'REQUIRED', message: `input '${v.name}' (${v.type}) is required` });
      continue;
    }
    const bad =
      ((v.type === 'string' || v.type === 'date' || v.type === 'datetime') && typeof value !== 'string') ||
      (v.type === 'number' && typeof value !== 'number') ||
      (v.type === 'decimal' && !(typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) ||
      // A JSON number is refused even when its text looks exact: 0.1 + 0.2 has already happened by then.
      (v.type === 'money' && !(typeof value === 'object' && value !== null && typeof (value as { amount?: unknown }).amount === 'string' && /^-?\d+(\.\d+)?$/.test((value as { amount: string }).amount) && /^[A-Z]{3}$/.test(String((value as { currency?: unknown }).currency)))) ||
      (v.type === 'boolean' && typeof value !== 'boolean') ||
      (v.type === 'list' && !Array.isArray(value)) ||
      (v.type === 'object' && (typeof value !== 'object' || Array.isArray(value))) ||
      ((v.type === 'date' || v.type === 'datetime') && Number.isNaN(Date.parse(String(value))));
    if (bad) problems.push({ path: `/input/${v.name}`, code: 'TYPE', message: `input '${v.name}' must be ${v.type === 'money' ? 'money {amount: "decimal string", currency: "EUR"}' : v.type === 'decimal' ? 'a decimal string such as "1234.50"' : `a ${v.type}`}` });
  }
  return problems;
}

export class RunService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #conn() {
    return this.#deps.orm.em.fork().getConnection();
  }
  temporalUrl(workflowId: string): string | null {
    return this.#deps.temporalUiUrl ? `${this.#deps.temporalUiUrl}/namespaces/${this.#deps.env.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(workflowId)}` : null;
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
    if (problems.length) throw new ValidationError(`The run input has ${problems.length} problem(s)`, problems, 'INPUT_INVALID');
    const runId = req.idempotencyKey ? keyedUuid(req.idempotencyKey) : randomUUID();
    const workflowId = `run-${runId}`;
    const inserted = await this.#conn().execute<Array<{ id: string }>>(
      `insert into runs (id, workflow_id, flow_id, version, business_key, status, input, variables, is_test, started_by, idempotency_key)
       values (?, ?, ?, ?, ?, 'running', ?::jsonb, ?::jsonb, ?, ?, ?) on conflict do nothing returning id`,
      [runId, workflowId, req.flowId, req.version, req.businessKey, JSON.stringify(req.input), JSON.stringify(req.input), req.isTest ?? false, req.userId, req.idempotencyKey ?? null]);
    if (!inserted.length) return this.#startAgain(req, runId);
    try {
      await this.#startWorkflow(req, runId, workflowId);
    } catch (err) {
      await this.#conn().execute('delete from runs where id = ?', [runId]);
      throw err;
    }
    return { runId, workflowId, created: true };
  }
  async #startWorkflow(req: StartRunRequest, runId: string, workflowId: string): Promise<void> {
    const args: FlowRunInput = { runId, flowId: req.flowId, version: req.version, businessKey: req.businessKey, definition: req.definition, input: req.input, startedBy: req.userId ?? undefined, isTest: req.isTest };
    await this.#temporal(() => this.#deps.temporal.workflow.start('flowRunWorkflow', {
      taskQueue: this.#deps.taskQueue, workflowId, args: [args], memo: { flowId: req.flowId, version: req.version, businessKey: req.businessKey },
      // A keyed run id must never run twice, even after the first execution closed.
      ...(req.idempotencyKey ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
    }));
  }
  /** The key's run exists: the same request gets it back; one still starting (a concurrent twin, a crash) is made sure of. */
  async #startAgain(req: StartRunRequest, runId: string): Promise<{ runId: string; workflowId: string; created: boolean }> {
    const [r] = await this.#conn().execute<Array<RunRow & { same_input: boolean }>>('select *, input = ?::jsonb as same_input from runs where id = ? and idempotency_key = ?',
      [JSON.stringify(req.input), runId, req.idempotencyKey ?? null]);
    if (!r) throw new ConflictError('RUN_ID_TAKEN', `Run ${runId} already exists`);
    if (r.flow_id !== req.flowId || r.business_key !== req.businessKey || !r.same_input) {
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key already started a run with another flow, business key or input', { runId: r.id });
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
  async list(u: SessionUser, q: { flowId?: string; version?: number; status?: string; businessKey?: string; from?: string; to?: string; limit?: number; offset?: number }) {
    const visible = visibleRunPredicate(u);
    const where: string[] = [visible.sql];
    const params: unknown[] = [...visible.params];
    if (q.flowId) (where.push('flow_id = ?'), params.push(q.flowId));
    if (q.version) (where.push('version = ?'), params.push(q.version));
    if (q.status) (where.push('status = ?'), params.push(q.status));
    if (q.businessKey) (where.push('business_key = ?'), params.push(q.businessKey));
    if (q.from) (where.push('started_at >= ?'), params.push(q.from));
    if (q.to) (where.push('started_at < ?'), params.push(q.to));
    const w = `where ${where.join(' and ')}`;
    const [count] = await this.#conn().execute<Array<{ n: string }>>(`select count(*) as n from runs r ${w}`, params);
    const rows = await this.#conn().execute<RunRow[]>(`select r.* from runs r ${w} order by r.started_at desc limit ? offset ?`, [...params, q.limit ?? 50, q.offset ?? 0]);
    return { items: rows.map((r) => this.view(r)), total: Number(count?.n ?? 0) };
  }
  view(r: RunRow) {
    return {
      runId: r.id, workflowId: r.workflow_id, flowId: r.flow_id, version: r.version, businessKey: r.business_key, status: r.status, outcome: r.outcome,
      currentNodes: r.current_nodes, isTest: r.is_test, parentRunId: r.parent_run_id, startedBy: r.started_by, error: r.error,
      startedAt: new Date(r.started_at).toISOString(), endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    };
  }
  /** The run, if this user may read it (visibleRunPredicate). */
  async row(u: SessionUser, runId: string): Promise<RunRow> {
    const visible = visibleRunPredicate(u);
    const [r] = await this.#conn().execute<Array<RunRow & { visible: boolean }>>(`select r.*, ${visible.sql} as visible from runs r where r.id = ?`, [...visible.params, runId]);
    if (!r) throw new NotFoundError('run', runId);
    if (!r.visible) throw new ForbiddenError(`Run ${runId} is not yours to see: you neither started it nor hold one of its tasks`, { reason: 'RUN_NOT_VISIBLE', runId });
    return r;
  }
  async get(u: SessionUser, runId: string) {
    const r = await this.row(u, runId);
    const events = await this.#conn().execute<Array<{ seq: number; type: string; node_id: string | null; data: Record<string, unknown>; at: Date }>>(
      'select seq, type, node_id, data, at from run_events where run_id = ? order by seq', [runId]);
    let live: { currentNodes: string[]; variables: Record<string, unknown>; waitingFor: unknown[] } | null = null;
    if (!ENDED.includes(r.status)) {
      live = await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).query(stateQuery)).catch(() => null);
    }
    return {
      run: { ...this.view(r), variables: live?.variables ?? r.variables, input: r.input, currentNodes: live?.currentNodes ?? r.current_nodes, waitingFor: live?.waitingFor ?? [], temporalUrl: this.temporalUrl(r.workflow_id) },
      events: events.map((e) => ({ seq: e.seq, type: e.type, nodeId: e.node_id, data: e.data, at: new Date(e.at).toISOString() })),
    };
  }
  async cancel(u: SessionUser, runId: string) {
    const r = await this.row(u, runId);
    if (ENDED.includes(r.status)) throw new ConflictError('RUN_ENDED', `Run ${runId} has already ended (${r.status})`);
    await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).cancel());
    return { ok: true as const };
  }
  async retry(u: SessionUser, runId: string, nodeId?: string) {
    const r = await this.row(u, runId);
    if (r.status !== 'needs_attention') throw new ConflictError('RUN_NOT_FAILED', `Run ${runId} is ${r.status}; only a run that needs attention can be retried`);
    await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).signal(retrySignal, { nodeId }));
    return { ok: true as const };
  }
  /** Delivers an event to one run, or to every open run of a business key. Events wait in the run until used. */
  /** `eventId`: the sender's id for this event; sending it again (a retry) delivers nothing new. */
  /** `u`: the user sending, who reaches only the runs they may read; null for a signed webhook (the flow's runs). */
  async sendEvent(u: SessionUser | null, target: { runId?: string; businessKey?: string; flowId?: string }, name: string, payload: unknown, eventId?: string) {
    let rows: RunRow[];
    if (target.runId) rows = [u ? await this.row(u, target.runId) : await this.#anyRow(target.runId)];
    else {
      const visible = u ? visibleRunPredicate(u) : { sql: 'true', params: [] };
      rows = await this.#conn().execute<RunRow[]>(
        `select r.* from runs r where r.business_key = ? and r.status not in ('completed','failed','cancelled') ${target.flowId ? 'and r.flow_id = ?' : ''} and ${visible.sql}`,
        [target.businessKey, ...(target.flowId ? [target.flowId] : []), ...visible.params]);
      if (!rows.length) throw new NotFoundError('open run for business key', target.businessKey ?? '');
    }
    const delivered: string[] = [];
    for (const r of rows) {
      if (ENDED.includes(r.status)) throw new ConflictError('RUN_ENDED', `Run ${r.id} has already ended (${r.status})`);
      try {
        await this.#temporal(() => this.#deps.temporal.workflow.getHandle(r.workflow_id).signal(eventSignal, { name, payload, id: eventId ?? randomUUID() }));
        delivered.push(r.id);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return { delivered };
  }
  async #anyRow(runId: string): Promise<RunRow> {
    const [r] = await this.#conn().execute<RunRow[]>('select * from runs where id = ?', [runId]);
    if (!r) throw new NotFoundError('run', runId);
    return r;
  }
}
