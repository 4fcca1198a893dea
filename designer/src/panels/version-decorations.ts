import type { FlowDiff } from '../flow/version-diff.ts';
import type { NodeDecoration } from '../flow/flow-state.types.ts';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { fromFlowDefinition, type DesignerNode } from '../flow/serializer.ts';

/** Diff statuses become canvas decorations; removed nodes are decorated on their ghosts. */
export function diffDecorations(d: FlowDiff): Record<string, NodeDecoration> {
  const out: Record<string, NodeDecoration> = {};
  for (const [id, change] of Object.entries(d.nodes)) out[id] = { status: change, badge: change };
  return out;
}

/** The compared version's removed nodes, where they stood, inert: they show what the draft dropped. */
export function removedGhosts(before: FlowDefinition, d: FlowDiff): DesignerNode[] {
  const removed = new Set(
    Object.entries(d.nodes)
      .filter(([, c]) => c === 'removed')
      .map(([id]) => id),
  );
  return fromFlowDefinition(before)
    .nodes.filter((n) => removed.has(n.id))
    .map((n) => ({
      ...n,
      draggable: false,
      selectable: false,
      deletable: false,
      connectable: false,
      focusable: false,
      className: 'ghost',
    }));
}
