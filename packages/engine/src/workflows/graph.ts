// Pure graph lookups over a flow definition; safe in the workflow sandbox (types only from flow-model).
import type { FlowDefinition, FlowNode, FlowEdge } from '@ledgerflow/flow-model';

export interface Graph {
  def: FlowDefinition;
  nodes: Map<string, FlowNode>;
  out: Map<string, FlowEdge[]>;
  incoming: Map<string, FlowEdge[]>;
}

export function buildGraph(def: FlowDefinition): Graph {
  const nodes = new Map(def.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  for (const e of def.edges) {
    out.set(e.source, [...(out.get(e.source) ?? []), e]);
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  }
  return { def, nodes, out, incoming };
}

export function triggerOf(g: Graph): FlowNode {
  const t = g.def.nodes.find((n) => n.kind.startsWith('trigger.'));
  if (!t) throw new Error('flow has no trigger node');
  return t;
}

/** The target reached from `nodeId` through `handle` (absent handle = next). */
export function follow(g: Graph, nodeId: string, handle = 'next'): string | undefined {
  const edges = g.out.get(nodeId) ?? [];
  const hit = edges.find((e) => (e.sourceHandle ?? 'next') === handle);
  return hit?.target;
}

export function hasHandle(g: Graph, nodeId: string, handle: string): boolean {
  return follow(g, nodeId, handle) !== undefined;
}
