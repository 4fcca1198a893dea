import type { Connection } from '@xyflow/react';
import { fansOut, hasInput, kindLabel, outputHandles } from '../node-kinds/registry.ts';
import type { OutputHandle } from '../node-kinds/node-kind-entry.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { DesignerEdge, DesignerNode } from './designer-graph.types.ts';

// The keyboard alternative to dragging from a handle (WCAG 2.1.1). Everything the connect dialog shows
// is decided here, without React, so it can be tested against the same rules the canvas draws with.

export interface HandleOption extends OutputHandle {
  /** Targets of the edges that currently leave through this handle. */
  targets: string[];
}

export interface TargetOption {
  id: string;
  label: string;
  kindLabel: string;
  /** An edge from the chosen handle to this node already exists. */
  connected: boolean;
}

export interface OutgoingEdge {
  id: string;
  handle: string;
  target: string;
  targetLabel: string;
  /** False for an edge on a handle the node no longer offers (a renamed outcome): it can only be removed. */
  known: boolean;
}

export function nodeLabel(node: DesignerNode): string {
  return node.data.node.label || node.id;
}

const handleOf = (e: DesignerEdge): string => e.sourceHandle ?? 'next';

/**
 * The node the shortcut acts on: the only selected node, else the node that has keyboard focus.
 * Several selected nodes are ambiguous unless focus says which one is meant.
 */
export function connectSubject(nodes: readonly DesignerNode[], focusedId?: string | null): string | null {
  let selected: string | null = null;
  let count = 0;
  for (const n of nodes) {
    if (!n.selected) continue;
    selected = n.id;
    if (++count > 1) break;
  }
  if (count === 1) return selected;
  return focusedId && nodes.some((n) => n.id === focusedId) ? focusedId : null;
}

/** The handles the node draws (base-node gets them from the same function), with what they connect to now. */
export function handleOptions(source: DesignerNode, edges: readonly DesignerEdge[]): HandleOption[] {
  const out = edges.filter((e) => e.source === source.id);
  return outputHandles(source.data.node).map((h) => ({
    ...h,
    targets: out.filter((e) => handleOf(e) === h.id).map((e) => e.target),
  }));
}

/** The first handle still without an edge, since that is almost always the one the user is about to wire. */
export function defaultHandle(handles: readonly HandleOption[]): string | undefined {
  return (handles.find((h) => h.targets.length === 0) ?? handles[0])?.id;
}

/**
 * Nodes an edge from `sourceId` may end on: those with an input handle (not triggers), never the source itself,
 * which are exactly the drops the canvas accepts. Sorted by label so a long list can be scanned and type-ahead works.
 */
export function targetOptions(
  sourceId: string,
  handle: string,
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  lang: Lang,
): TargetOption[] {
  const connected = new Set(edges.filter((e) => e.source === sourceId && handleOf(e) === handle).map((e) => e.target));
  return nodes
    .filter((n) => n.id !== sourceId && hasInput(n.data.node.kind))
    .map((n) => ({
      id: n.id,
      label: nodeLabel(n),
      kindLabel: kindLabel(n.data.node.kind, lang),
      connected: connected.has(n.id),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }) || a.id.localeCompare(b.id));
}

/** Case- and accent-insensitive match on label, id or kind, so "echeance" finds "Échéance". */
export function filterTargets(options: readonly TargetOption[], query: string): TargetOption[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query.trim());
  if (!q) return [...options];
  return options.filter((o) => fold(`${o.label} ${o.id} ${o.kindLabel}`).includes(q));
}

/** The edges the store will drop when this handle is connected to `target`: one edge per handle, except a split. */
export function replacedEdges(
  source: DesignerNode,
  handle: string,
  target: string,
  edges: readonly DesignerEdge[],
): DesignerEdge[] {
  if (fansOut(source.data.node.kind)) return [];
  return edges.filter((e) => e.source === source.id && handleOf(e) === handle && e.target !== target);
}

/** Every edge leaving the node, including ones on stale handles, so any of them can be removed from the dialog. */
export function outgoingEdges(
  source: DesignerNode,
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): OutgoingEdge[] {
  const offered = new Set(outputHandles(source.data.node).map((h) => h.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return edges
    .filter((e) => e.source === source.id)
    .map((e) => {
      const target = byId.get(e.target);
      return {
        id: e.id,
        handle: handleOf(e),
        target: e.target,
        targetLabel: target ? nodeLabel(target) : e.target,
        known: offered.has(handleOf(e)),
      };
    });
}

/** The same connection object React Flow hands to `onConnect` when a handle is dropped on a node's input. */
export function connectionFor(sourceId: string, handle: string, targetId: string): Connection {
  return { source: sourceId, sourceHandle: handle, target: targetId, targetHandle: 'in' };
}
