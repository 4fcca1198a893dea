import type { ComponentType } from 'react';
import type { NodeProps } from '@xyflow/react';
import { HANDLE, type ConnectorCatalog, type FlowNode, type NodeKind, type NodeOfKind } from '@ledgerflow/flow-model';
import type { DesignerNode } from '../flow/designer-graph.types.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { VariableInfo } from '../rules/rule-builder.model.ts';

// The shape of one designer node kind. Editors, views and the registry all import from here and from nowhere
// above them, which is what keeps the designer's imports free of loops.

/** Palette groups, in the order the palette shows them. */
export const NODE_GROUPS = ['triggers', 'logic', 'actions', 'people', 'timing', 'structure'] as const;
export type NodeGroup = (typeof NODE_GROUPS)[number];

/** One button in the palette: a kind, optionally with a preset config (a connector action). */
export interface PaletteItem {
  key: string;
  kind: NodeKind;
  label: string;
  icon: string;
  config?: FlowNode['config'];
}

export interface PaletteEntry {
  group: NodeGroup;
  labelKey: MessageKey;
  /** A short glyph: no icon font, so nothing to load and nothing that can inject markup. */
  icon: string;
  /** Buttons to offer instead of the bare kind (one per connector action); none offered means the bare kind. */
  items?: (catalog: ConnectorCatalog, lang: Lang) => PaletteItem[];
}

export interface EditorProps<K extends NodeKind> {
  node: NodeOfKind<K>;
  onConfig: (config: NodeOfKind<K>['config']) => void;
  variables: readonly VariableInfo[];
}

export type HandleRole = 'next' | 'outcome' | 'error' | 'timeout' | 'expired';
export interface OutputHandle {
  id: string;
  label: string;
  role: HandleRole;
  /** Set when the label is the platform's word for a stable id (a decision's default `no`), not one the user typed. */
  labelKey?: MessageKey;
}

/**
 * How a kind's node and its edges map between the flow definition and the canvas. The node's config is stored
 * as is; what varies per kind is which handles its edges may name in `sourceHandle`, whether edges may end on
 * it, and whether one handle may carry several edges.
 */
export interface KindSerializer<K extends NodeKind> {
  /** The source handles the node offers, derived from its config (outcomes, timeouts). Pure. */
  outputs: (node: NodeOfKind<K>) => OutputHandle[];
  /** False for triggers: a run starts there, so no edge may end on one. */
  input: boolean;
  /** A parallel split's whole point is to fan out; every other kind allows one edge per handle. */
  fanOut: boolean;
}

export interface NodeKindEntry<K extends NodeKind> {
  kind: K;
  palette: PaletteEntry;
  /**
   * Chosen so a freshly dropped node passes the structural schema: problems list only what the user must decide.
   * Labels it proposes (outcome names, a task title) are in `lang`, the language of the user dropping it.
   */
  defaults: (lang?: Lang) => NodeOfKind<K>['config'];
  /** The canvas node; module-level, since a new component per render makes React Flow remount every node. */
  View: ComponentType<NodeProps<DesignerNode>>;
  /** The property-panel form; lazily loaded so that forms and their libraries stay out of the canvas chunks. */
  Editor: ComponentType<EditorProps<K>>;
  serializer: KindSerializer<K>;
}

/** Any kind's entry; the registry is typed per kind, this is what code that handles any node sees. */
export type AnyNodeKindEntry = { [K in NodeKind]: NodeKindEntry<K> }[NodeKind];

export const NEXT_HANDLE: OutputHandle = { id: HANDLE.next, label: '', role: 'next' };
export const ERROR_HANDLE: OutputHandle = { id: HANDLE.error, label: 'error', role: 'error' };

/** Most kinds: one way on. */
export const nextOnly = <K extends NodeKind>(): KindSerializer<K> => ({
  outputs: () => [NEXT_HANDLE],
  input: true,
  fanOut: false,
});
/** Kinds that run something that can fail: the error handle routes the failure instead of failing the run. */
export const nextOrError = <K extends NodeKind>(): KindSerializer<K> => ({
  outputs: () => [NEXT_HANDLE, ERROR_HANDLE],
  input: true,
  fanOut: false,
});
/** A run starts at a trigger, so no edge may end on one. */
export const triggerSerializer = <K extends NodeKind>(): KindSerializer<K> => ({
  outputs: () => [NEXT_HANDLE],
  input: false,
  fanOut: false,
});

/** Outcome handles in order, without duplicates (a default outcome may repeat a named one). */
export function uniqueHandles(list: readonly OutputHandle[]): OutputHandle[] {
  const seen = new Set<string>();
  return list.filter((h) => (seen.has(h.id) ? false : (seen.add(h.id), true)));
}
