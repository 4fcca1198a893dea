import type { FlowNode, NodeKind } from '@ledgerflow/flow-model';
import { toDesignerNode } from './serializer.ts';
import type { DesignerEdge, DesignerNode } from './designer-graph.types.ts';
import type { ClipboardContent } from './flow-state.types.ts';

export type { ClipboardContent };

/** Readable ids ("decision_3") since they appear in problems, run events and expressions. */
export function newNodeId(kind: NodeKind, taken: ReadonlySet<string>): string {
  const base = kind.replace(/[^A-Za-z0-9]/g, '_');
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

export function copySelection(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[]): ClipboardContent | null {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((n) => n.id));
  return {
    nodes: picked.map((n) => structuredClone(n.data.node)),
    // Only edges inside the selection come along: a pasted copy must not reach into the original graph.
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null })),
    positions: Object.fromEntries(picked.map((n) => [n.id, { ...n.position }])),
  };
}

/** New nodes and edges for a paste, with fresh ids, offset so the copy is visible beside the original. */
export function pasteClipboard(
  clip: ClipboardContent,
  taken: ReadonlySet<string>,
  offset = 40,
): { nodes: DesignerNode[]; edges: DesignerEdge[] } {
  const used = new Set(taken);
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = newNodeId(n.kind, used);
    used.add(id);
    rename.set(n.id, id);
  }
  const nodes = clip.nodes.map((n): DesignerNode => {
    const id = rename.get(n.id)!;
    const p = clip.positions[n.id] ?? { x: 0, y: 0 };
    return {
      ...toDesignerNode({ ...n, id } as FlowNode),
      position: { x: p.x + offset, y: p.y + offset },
      selected: true,
    };
  });
  const edges = clip.edges.map((e, i): DesignerEdge => ({
    id: `e-${rename.get(e.source)}-${rename.get(e.target)}-${i}`,
    source: rename.get(e.source)!,
    target: rename.get(e.target)!,
    sourceHandle: e.sourceHandle ?? 'next',
    targetHandle: 'in',
  }));
  return { nodes, edges };
}
