import type { FlowDiff } from '../flow/version-diff.ts';
import type { NodeDecoration } from '../flow/flow-store.ts';

/** Diff statuses become canvas decorations; removed nodes are not on the canvas, so they are listed here. */
export function diffDecorations(d: FlowDiff): Record<string, NodeDecoration> {
  const out: Record<string, NodeDecoration> = {};
  for (const [id, change] of Object.entries(d.nodes)) if (change !== 'removed') out[id] = { status: change, badge: change };
  return out;
}
