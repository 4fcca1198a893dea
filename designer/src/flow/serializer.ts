import type { NodeHandle, Position } from '@xyflow/react';
import { hasInput, outputHandles } from '../node-kinds/registry.ts';
import { HANDLE, type FlowDefinition, type FlowEdge, type FlowNode } from '@ledgerflow/flow-model';
import type { DesignerEdge, DesignerNode, FlowMeta } from './designer-graph.types.ts';

export type { DesignerEdge, DesignerNode, FlowMeta, NodeData } from './designer-graph.types.ts';

export interface Graph {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  meta: FlowMeta;
  /** True when some node had no saved position: the caller should auto-layout. */
  needsLayout: boolean;
}

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 84;
const GRID_X = 260;
const GRID_Y = 140;

/**
 * Estimated handle boxes, matching base-node's layout (outputs spread along the bottom, input top-centre).
 * React Flow renders every node it has no handle bounds for, just to measure it; with these estimates it
 * culls off-screen nodes of a large flow from the first frame. The store drops them once a node is measured.
 */
export function estimatedHandles(node: FlowNode): NodeHandle[] {
  const outs = outputHandles(node);
  const handles: NodeHandle[] = outs.map((h, i) => ({
    id: h.id,
    type: 'source',
    position: 'bottom' as Position,
    x: (NODE_WIDTH * (i + 1)) / (outs.length + 1) - 3,
    y: NODE_HEIGHT - 3,
    width: 6,
    height: 6,
  }));
  if (hasInput(node.kind))
    handles.push({
      id: 'in',
      type: 'target',
      position: 'top' as Position,
      x: NODE_WIDTH / 2 - 3,
      y: -3,
      width: 6,
      height: 6,
    });
  return handles;
}

export function toDesignerNode(node: FlowNode, index = 0): DesignerNode {
  const position = node.position ?? { x: (index % 10) * GRID_X, y: Math.floor(index / 10) * GRID_Y };
  return {
    id: node.id,
    type: node.kind,
    position: { ...position },
    data: { node },
    initialWidth: NODE_WIDTH,
    initialHeight: NODE_HEIGHT,
    handles: estimatedHandles(node),
  };
}

export function toDesignerEdge(edge: FlowEdge): DesignerEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? HANDLE.next,
    targetHandle: 'in',
  };
}

export function fromFlowDefinition(def: FlowDefinition): Graph {
  const { nodes, edges, ...meta } = def;
  return {
    nodes: nodes.map((n, i) => toDesignerNode(n, i)),
    edges: edges.map(toDesignerEdge),
    meta,
    needsLayout: nodes.some((n) => !n.position),
  };
}

/** Positions are rounded: sub-pixel drags would otherwise make every save a diff. */
export function toFlowDefinition(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  meta: FlowMeta,
): FlowDefinition {
  return {
    ...meta,
    nodes: nodes.map((n) => ({
      ...n.data.node,
      id: n.id,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => {
      const out: FlowEdge = { id: e.id, source: e.source, target: e.target };
      // "absent means next" in the schema, so next is not written out.
      if (e.sourceHandle && e.sourceHandle !== HANDLE.next) out.sourceHandle = e.sourceHandle;
      return out;
    }),
  };
}

export function emptyFlow(name: string): FlowDefinition {
  return {
    schemaVersion: 1,
    name,
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables: [],
    nodes: [
      { id: 'start', kind: 'trigger.manual', label: 'Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'end', kind: 'end', label: 'End', position: { x: 0, y: 200 }, config: { status: 'completed' } },
    ],
    edges: [{ id: 'e-start-end', source: 'start', target: 'end' }],
  };
}
