import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ConflictError, NotFoundError, ValidationError, type FlowDefinition, type Problem } from '@ledgerflow/flow-model';
import { eventSignal, insertRun, retrySignal, stateQuery, type FlowRunInput } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';

export interface StartRunRequest {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  input: Record<string, unknown>;
  businessKey: string;
  /** null for runs started by a webhook. */
  userId: string | null;
  isTest?: boolean;
}

type RunRow = {
  id: string; workflow_id: string; flow_id: string; version: number; business_key: string; status: string; outcome: string | null;
  current_nodes: string[]; variables: Record<string, unknown>; input: Record<string, unknown>; is_test: boolean; parent_run_id: string | null;
  error: Record<string, unknown> | null; started_at: Date; ended_at: Date | null; updated_at: Date;
};

const ENDED = ['completed', 'failed', 'cancelled'];

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
  async start(req: StartRunRequest): Promise<{ runId: string; workflowId: string }> {
    const problems = inputProblems(req.definition, req.input);
    if (problems.length) throw new ValidationError(`The run input has ${problems.length} problem(s)`, problems, 'INPUT_INVALID');
    const runId = randomUUID();
    const workflowId = `run-${runId}`;
    await insertRun(this.#deps, { runId, workflowId, flowId: req.flowId, version: req.version, businessKey: req.businessKey, input: req.input, isTest: req.isTest });
    const args: FlowRunInput = { runId, flowId: req.flowId, version: req.version, businessKey: req.businessKey, definition: req.definition, input: req.input, startedBy: req.userId ?? undefined, isTest: req.isTest };
    try {
      await this.#deps.temporal.workflow.start('flowRunWorkflow', { taskQueue: this.#deps.taskQueue, workflowId, args: [args], memo: { flowId: req.flowId, version: req.version, businessKey: req.businessKey } });
    } catch (err) {
      await this.#conn().execute(`update runs set status = 'failed', error = ?::jsonb, ended_at = now() where id = ?`, [JSON.stringify({ message: 'could not start the workflow' }), runId]);
      throw err;
    }
    return { runId, workflowId };
  }
  async list(q: { flowId?: string; version?: number; status?: string; businessKey?: string; from?: string; to?: string; limit?: number; offset?: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.flowId) (where.push('flow_id = ?'), params.push(q.flowId));
    if (q.version) (where.push('version = ?'), params.push(q.version));
    if (q.status) (where.push('status = ?'), params.push(q.status));
    if (q.businessKey) (where.push('business_key = ?'), params.push(q.businessKey));
    if (q.from) (where.push('started_at >= ?'), params.push(q.from));
    if (q.to) (where.push('started_at < ?'), params.push(q.to));
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const [count] = await this.#conn().execute<Array<{ n: string }>>(`select count(*) as n from runs ${w}`, params);
    const rows = await this.#conn().execute<RunRow[]>(`select * from runs ${w} order by started_at desc limit ? offset ?`, [...params, q.limit ?? 50, q.offset ?? 0]);
    return { items: rows.map((r) => this.view(r)), total: Number(count?.n ?? 0) };
  }
  view(r: RunRow) {
    return {
      runId: r.id, workflowId: r.workflow_id, flowId: r.flow_id, version: r.version, businessKey: r.business_key, status: r.status, outcome: r.outcome,
      currentNodes: r.current_nodes, isTest: r.is_test, parentRunId: r.parent_run_id, error: r.error,
      startedAt: new Date(r.started_at).toISOString(), endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    };
  }
  async row(runId: string): Promise<RunRow> {
    const [r] = await this.#conn().execute<RunRow[]>('select * from runs where id = ?', [runId]);
    if (!r) throw new NotFoundError('run', runId);
    return r;
  }
  async get(runId: string) {
    const r = await this.row(runId);
    const events = await this.#conn().execute<Array<{ seq: number; type: string; node_id: string | null; data: Record<string, unknown>; at: Date }>>(
      'select seq, type, node_id, data, at from run_events where run_id = ? order by seq', [runId]);
    let live: { currentNodes: string[]; variables: Record<string, unknown>; waitingFor: unknown[] } | null = null;
    if (!ENDED.includes(r.status)) {
      live = await this.#deps.temporal.workflow.getHandle(r.workflow_id).query(stateQuery).catch(() => null);
    }
    return {
      run: { ...this.view(r), variables: live?.variables ?? r.variables, input: r.input, currentNodes: live?.currentNodes ?? r.current_nodes, waitingFor: live?.waitingFor ?? [], temporalUrl: this.temporalUrl(r.workflow_id) },
      events: events.map((e) => ({ seq: e.seq, type: e.type, nodeId: e.node_id, data: e.data, at: new Date(e.at).toISOString() })),
    };
  }
  async cancel(runId: string) {
    const r = await this.row(runId);
    if (ENDED.includes(r.status)) throw new ConflictError('RUN_ENDED', `Run ${runId} has already ended (${r.status})`);
    await this.#deps.temporal.workflow.getHandle(r.workflow_id).cancel();
    return { ok: true as const };
  }
  async retry(runId: string, nodeId?: string) {
    const r = await this.row(runId);
    if (r.status !== 'needs_attention') throw new ConflictError('RUN_NOT_FAILED', `Run ${runId} is ${r.status}; only a run that needs attention can be retried`);
    await this.#deps.temporal.workflow.getHandle(r.workflow_id).signal(retrySignal, { nodeId });
    return { ok: true as const };
  }
  /** Delivers an event to one run, or to every open run of a business key. Events wait in the run until used. */
  /** `eventId`: the sender's id for this event; sending it again (a retry) delivers nothing new. */
  async sendEvent(target: { runId?: string; businessKey?: string; flowId?: string }, name: string, payload: unknown, eventId?: string) {
    let rows: RunRow[];
    if (target.runId) rows = [await this.row(target.runId)];
    else {
      rows = await this.#conn().execute<RunRow[]>(`select * from runs where business_key = ? and status not in ('completed','failed','cancelled') ${target.flowId ? 'and flow_id = ?' : ''}`, target.flowId ? [target.businessKey, target.flowId] : [target.businessKey]);
      if (!rows.length) throw new NotFoundError('open run for business key', target.businessKey ?? '');
    }
    const delivered: string[] = [];
    for (const r of rows) {
      if (ENDED.includes(r.status)) throw new ConflictError('RUN_ENDED', `Run ${r.id} has already ended (${r.status})`);
      try {
        await this.#deps.temporal.workflow.getHandle(r.workflow_id).signal(eventSignal, { name, payload, id: eventId ?? randomUUID() });
        delivered.push(r.id);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return { delivered };
  }
}
