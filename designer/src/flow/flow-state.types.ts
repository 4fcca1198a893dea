import type { StoreApi } from 'zustand/vanilla';
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { FlowDefinition, FlowNode, NodeKind, Problem } from '@ledgerflow/flow-model';
import type { DesignerEdge, DesignerNode, FlowMeta } from './designer-graph.types.ts';

// The store's shape apart from its implementation: canvas hooks and node views need the types, while the store
// needs the serializer and through it the node-kind registry (whose views use these hooks).

export interface ClipboardContent {
  nodes: FlowNode[];
  edges: { source: string; target: string; sourceHandle?: string | null }[];
  positions: Record<string, { x: number; y: number }>;
}

export interface Snapshot {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  meta: FlowMeta;
}

/** View-only marks on nodes (diff, run path, stats); never saved, never in history. */
export interface NodeDecoration {
  status?: 'added' | 'changed' | 'moved' | 'removed' | 'active' | 'done' | 'failed';
  badge?: string;
}

export interface FlowState extends Snapshot {
  decorations: Record<string, NodeDecoration>;
  setDecorations: (d: Record<string, NodeDecoration>) => void;
  /** Read-only nodes drawn beside the graph (a compared version's removed nodes); never part of the flow. */
  ghosts: DesignerNode[];
  setGhosts: (g: DesignerNode[]) => void;
  flowId: string | null;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: ClipboardContent | null;
  problems: Problem[];
  problemsByNode: Record<string, Problem[]>;
  /** The revision `problems` were computed for; publishing waits until it is the current one. */
  validatedRevision: number;
  /** Bumped on every content change; autosave and validation watch it instead of deep-comparing. */
  revision: number;
  load: (def: FlowDefinition, flowId: string | null) => void;
  /** Replaces the whole flow as one undoable step (import). */
  replace: (def: FlowDefinition) => void;
  onNodesChange: (changes: NodeChange<DesignerNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<DesignerEdge>[]) => void;
  onConnect: (c: Connection) => void;
  checkpoint: () => void;
  addNode: (kind: NodeKind, position: { x: number; y: number }, config?: FlowNode['config'], label?: string) => string;
  updateNode: (id: string, update: (n: FlowNode) => FlowNode) => void;
  setMeta: (meta: Partial<FlowMeta>) => void;
  setPositions: (positions: Record<string, { x: number; y: number }>) => void;
  removeSelected: () => void;
  copy: () => void;
  paste: () => void;
  undo: () => void;
  redo: () => void;
  selectOnly: (id: string | null) => void;
  setProblems: (p: Problem[], revision?: number) => void;
  toDefinition: () => FlowDefinition;
}

export type FlowStore = StoreApi<FlowState>;
