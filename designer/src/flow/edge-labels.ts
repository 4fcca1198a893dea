import type { FlowNode } from '@ledgerflow/flow-model';
import { outputHandles } from '../node-kinds/registry.ts';
import type { HandleRole, OutputHandle } from '../node-kinds/node-kind-entry.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { DesignerEdge, DesignerNode } from './designer-graph.types.ts';

/** Words for the outputs every kind names the same way; outcomes keep the label their author gave them. */
export type RoleWords = Partial<Record<HandleRole, string>> & { word?: (key: MessageKey) => string };

// Keyed by the objects themselves: dragging changes positions, not node data or edges, so nothing is redone per frame.
const outputsCache = new WeakMap<FlowNode, OutputHandle[]>();
const labelledCache = new WeakMap<DesignerEdge, { label: string; edge: DesignerEdge }>();

function outputsOf(node: FlowNode): OutputHandle[] {
  let outs = outputsCache.get(node);
  if (!outs) outputsCache.set(node, (outs = outputHandles(node)));
  return outs;
}

/** The text an edge carries: its output's name (decision or task outcome, error, timeout, expired); none for `next`. */
export function edgeLabel(node: FlowNode | undefined, handle: string, words: RoleWords): string {
  if (!node || handle === 'next') return '';
  const out = outputsOf(node).find((h) => h.id === handle);
  if (!out) return handle;
  if (out.role === 'next') return '';
  if (out.role === 'outcome') return out.labelKey && words.word ? words.word(out.labelKey) : out.label;
  return words[out.role] ?? out.label;
}

/** Edges with their outcome as label; an edge whose label did not change keeps its identity, so React Flow skips it. */
export function labelEdges(
  edges: readonly DesignerEdge[],
  nodes: readonly DesignerNode[],
  words: RoleWords,
): DesignerEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n.data.node]));
  return edges.map((e) => {
    const label = edgeLabel(byId.get(e.source), e.sourceHandle ?? 'next', words);
    const hit = labelledCache.get(e);
    if (hit && hit.label === label) return hit.edge;
    const edge = label ? { ...e, label, className: 'lf-edge-labelled' } : e;
    labelledCache.set(e, { label, edge });
    return edge;
  });
}
