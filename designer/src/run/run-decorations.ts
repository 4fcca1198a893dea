import type { NodeDecoration } from '../flow/flow-store.ts';
import type { FlowStats } from '../api/client.ts';
import type { RunTrace } from './run-trace.ts';

export function traceDecorations(trace: RunTrace): Record<string, NodeDecoration> {
  const out: Record<string, NodeDecoration> = {};
  for (const [id, n] of Object.entries(trace.nodes))
    out[id] = { status: n.status, ...(n.visits > 1 ? { badge: `×${n.visits}` } : {}) };
  return out;
}

/**
 * The run's own state on top of its trace: the nodes it stands on are active, except a node that failed, which stays
 * red; when the run needs attention or failed, the nodes it stopped on are failed even before an error event.
 */
export function runDecorations(
  trace: RunTrace,
  run: { status: string; currentNodes: readonly string[] },
): Record<string, NodeDecoration> {
  const out = traceDecorations(trace);
  const stopped = run.status === 'needs_attention' || run.status === 'failed';
  for (const id of run.currentNodes)
    if (out[id]?.status !== 'failed') out[id] = { ...out[id], status: stopped ? 'failed' : 'active' };
  return out;
}

/** Counts per node: entered / active / failed, shown as a badge. */
export function statsDecorations(
  stats: FlowStats,
  base: Record<string, NodeDecoration> = {},
): Record<string, NodeDecoration> {
  const out = { ...base };
  for (const [id, s] of Object.entries(stats.nodes)) {
    out[id] = { ...out[id], badge: `${s.entered}·${s.active}·${s.failed}` };
    if (!out[id].status && s.failed) out[id].status = 'failed';
  }
  return out;
}
