import type { DesignerEdge, DesignerNode } from '../flow/designer-graph.types.ts';

const DEFAULT_W = 220;
const DEFAULT_H = 90;

/** Top-to-bottom layered layout. dagre is loaded on first use so it stays out of the initial bundle. */
export async function autoLayout(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): Promise<Record<string, { x: number; y: number }>> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 80 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes)
    g.setNode(n.id, { width: n.measured?.width ?? DEFAULT_W, height: n.measured?.height ?? DEFAULT_H });
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    const p = g.node(n.id);
    // dagre gives centres; React Flow positions are top-left corners.
    if (p)
      out[n.id] = { x: Math.round(p.x - (p.width ?? DEFAULT_W) / 2), y: Math.round(p.y - (p.height ?? DEFAULT_H) / 2) };
  }
  return out;
}
