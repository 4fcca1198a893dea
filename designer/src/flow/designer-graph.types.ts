import type { Edge, Node } from '@xyflow/react';
import type { FlowDefinition, FlowNode, NodeKind } from '@ledgerflow/flow-model';

// Types only, apart from the serializer: node views and editors import these, and the serializer imports the
// node-kind registry, so taking them from serializer.ts would close an import loop.

/** Canvas node: the flow node itself is the data, so the canvas never holds a second copy of the config. */
export type NodeData = { node: FlowNode };
export type DesignerNode = Node<NodeData, NodeKind>;
export type DesignerEdge = Edge;

/** Everything in a FlowDefinition that is not the graph. */
export type FlowMeta = Omit<FlowDefinition, 'nodes' | 'edges'>;
