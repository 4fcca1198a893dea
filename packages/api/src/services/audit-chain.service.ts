// One record per case an auditor can follow: the rule version the run was pinned to, the decisions it took
// (which rule matched), who approved what and when, and what it wrote to the ERP under which idempotency key.
import {
  createAuditStore,
  createFlowStore,
  createRunEventStore,
  createUserStore,
  pgTimestampIso,
  type RunEventRow,
} from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { RunService } from './run.service.ts';

export type ChainStep =
  | {
      kind: 'version';
      at: string;
      flowId: string;
      flowName: string | null;
      version: number;
      hash: string | null;
      comment: string | null;
      publishedBy: string | null;
    }
  | {
      kind: 'decision';
      at: string;
      seq: number;
      nodeId: string | null;
      nodeLabel: string | null;
      outcome: string;
      matched: string[];
      trace: unknown;
    }
  | {
      kind: 'approval';
      at: string;
      seq: number;
      nodeId: string | null;
      nodeLabel: string | null;
      taskId: string;
      title: string | null;
      status: string;
      outcome: string | null;
      by: string | null;
      byId: string | null;
    }
  | {
      kind: 'erp_write';
      at: string;
      seq: number;
      nodeId: string | null;
      nodeLabel: string | null;
      connector: string;
      action: string;
      idempotencyKey: string;
      ok: boolean;
      result: unknown;
      error: string | null;
    };

const iso = (v: Date | string) => pgTimestampIso(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Outcomes whose rule held, from a decision's trace (RuleTrace[]). */
function matchedRules(trace: unknown): string[] {
  if (!Array.isArray(trace)) return [];
  return trace
    .filter((t): t is { outcome: string; result: boolean } => !!t && typeof t === 'object' && t.result === true)
    .map((t) => t.outcome);
}

/**
 * The key the engine gave this action (workflow id, node, visit: see runActionNode), rebuilt from the node's
 * latest `node.entered` before the result, since older results do not carry it.
 */
function actionKey(workflowId: string, events: RunEventRow[], upto: number, nodeId: string | null): string {
  let visit = 1;
  for (const e of events) {
    if (e.seq >= upto) break;
    if (e.type === 'node.entered' && e.node_id === nodeId && typeof e.data.visit === 'number') visit = e.data.visit;
  }
  return `${workflowId}:${nodeId ?? ''}:${visit}:1`;
}

/** The chain of a run the user may read (the run's own read rule, else 403 RUN_NOT_VISIBLE / 404). */
export async function auditChain(deps: AppDeps, u: SessionUser, runId: string) {
  const run = await new RunService(deps).row(u, runId);
  const em = deps.orm.em.fork();
  const [events, tasks, flow, version] = await Promise.all([
    createRunEventStore(em).listForRun(runId),
    createAuditStore(em).chainTasks(runId),
    createFlowStore(em).get(run.flow_id),
    run.version > 0 ? createFlowStore(em).version(run.flow_id, run.version) : Promise.resolve(undefined),
  ]);
  const publisher = version ? await createUserStore(em).usernames([version.published_by]) : new Map<string, string>();
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  // The steps name their node as the process owner labelled it in this version: people read labels, not ids.
  const nodes = ((version?.definition ?? flow?.draft) as { nodes?: Array<{ id: string; label?: string }> } | undefined)
    ?.nodes;
  const labels = new Map((nodes ?? []).filter((n) => n.label).map((n) => [n.id, n.label!]));
  const nodeLabel = (id: string | null) => (id ? (labels.get(id) ?? id) : null);

  const steps: ChainStep[] = [
    {
      kind: 'version',
      at: version ? iso(version.published_at) : iso(run.started_at),
      flowId: run.flow_id,
      flowName: flow?.name ?? null,
      version: run.version,
      hash: version?.hash ?? null,
      comment: version?.comment ?? null,
      publishedBy: version ? (publisher.get(version.published_by) ?? null) : null,
    },
  ];
  const seen = new Set<string>();
  for (const e of events) {
    const at = iso(e.at);
    if (e.type === 'decision') {
      steps.push({
        kind: 'decision',
        at,
        seq: e.seq,
        nodeId: e.node_id,
        nodeLabel: nodeLabel(e.node_id),
        outcome: str(e.data.outcome) ?? '',
        matched: matchedRules(e.data.trace),
        trace: e.data.trace ?? null,
      });
    } else if (e.type === 'task.completed') {
      const taskId = str(e.data.taskId) ?? '';
      const t = taskById.get(taskId);
      seen.add(taskId);
      steps.push({
        kind: 'approval',
        at: t?.completed_at ? iso(t.completed_at) : at,
        seq: e.seq,
        nodeId: e.node_id,
        nodeLabel: nodeLabel(e.node_id),
        taskId,
        title: t?.title ?? null,
        status: t?.status ?? 'completed',
        outcome: str(e.data.outcome) ?? t?.outcome ?? null,
        by: t?.completed_by_username ?? null,
        byId: str(e.data.by) ?? t?.completed_by ?? null,
      });
    } else if (e.type === 'action.result' || (e.type === 'error' && typeof e.data.connector === 'string')) {
      const ok = e.type === 'action.result';
      steps.push({
        kind: 'erp_write',
        at,
        seq: e.seq,
        nodeId: e.node_id,
        nodeLabel: nodeLabel(e.node_id),
        connector: str(e.data.connector) ?? '',
        action: str(e.data.action) ?? '',
        idempotencyKey: actionKey(run.workflow_id, events, e.seq, e.node_id),
        ok,
        result: ok ? (e.data.output ?? null) : null,
        error: ok ? null : (str(e.data.message) ?? str(e.data.code)),
      });
    }
  }
  // Tasks still open (or ended without a completion event, e.g. exempted) are part of the record too.
  for (const t of tasks) {
    if (seen.has(t.id)) continue;
    steps.push({
      kind: 'approval',
      at: iso(t.completed_at ?? t.created_at),
      seq: Number.MAX_SAFE_INTEGER,
      nodeId: t.node_id,
      nodeLabel: nodeLabel(t.node_id),
      taskId: t.id,
      title: t.title,
      status: t.status,
      outcome: t.outcome,
      by: t.completed_by_username,
      byId: t.completed_by,
    });
  }
  return {
    runId: run.id,
    workflowId: run.workflow_id,
    businessKey: run.business_key,
    status: run.status,
    outcome: run.outcome,
    steps,
  };
}

/** The cases (runs) holding the customer's tasks: the customer page links each to its chain. */
export async function customerCases(deps: AppDeps, customer: string) {
  const rows = await createAuditStore(deps.orm.em.fork()).customerCases(customer, 200);
  return {
    items: rows.map((r) => ({
      runId: r.run_id,
      businessKey: r.business_key,
      flowId: r.flow_id,
      flowName: r.flow_name,
      version: r.version,
      status: r.status,
      outcome: r.outcome,
      startedAt: iso(r.started_at),
      endedAt: r.ended_at ? iso(r.ended_at) : null,
    })),
  };
}
