import type { FlowDefinition, FlowNode } from '@ledgerflow/flow-model';

export type NodeChange = 'added' | 'removed' | 'changed' | 'moved';

export interface FlowDiff {
  nodes: Record<string, NodeChange>;
  /** Which top-level parts of a changed node differ, for the tooltip. */
  changedFields: Record<string, string[]>;
  edgesAdded: string[];
  edgesRemoved: string[];
  metaChanged: string[];
}

/** Key-order-independent equality: saved JSON may come back with keys reordered. */
export function stableEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => stableEqual(v, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => stableEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function nodeFields(before: FlowNode, after: FlowNode): string[] {
  const fields: string[] = [];
  for (const key of ['kind', 'label', 'config'] as const) {
    if (!stableEqual(before[key], after[key])) fields.push(key);
  }
  return fields;
}

function edgeKey(e: FlowDefinition['edges'][number]): string {
  return `${e.source}:${e.sourceHandle ?? 'next'}->${e.target}`;
}

/** What changed from `before` to `after`; edges are compared by endpoints, not by id, since ids are arbitrary. */
export function diffFlows(before: FlowDefinition, after: FlowDefinition): FlowDiff {
  const diff: FlowDiff = { nodes: {}, changedFields: {}, edgesAdded: [], edgesRemoved: [], metaChanged: [] };
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const cur = new Map(after.nodes.map((n) => [n.id, n]));
  for (const [id, n] of cur) {
    const prev = old.get(id);
    if (!prev) {
      diff.nodes[id] = 'added';
      continue;
    }
    const fields = nodeFields(prev, n);
    if (fields.length > 0) {
      diff.nodes[id] = 'changed';
      diff.changedFields[id] = fields;
    } else if (!stableEqual(prev.position, n.position)) {
      diff.nodes[id] = 'moved';
    }
  }
  for (const id of old.keys()) if (!cur.has(id)) diff.nodes[id] = 'removed';
  const oldEdges = new Set(before.edges.map(edgeKey));
  const curEdges = new Set(after.edges.map(edgeKey));
  diff.edgesAdded = [...curEdges].filter((k) => !oldEdges.has(k));
  diff.edgesRemoved = [...oldEdges].filter((k) => !curEdges.has(k));
  for (const key of ['name', 'description', 'settings', 'variables'] as const) {
    if (!stableEqual(before[key], after[key])) diff.metaChanged.push(key);
  }
  return diff;
}

export function diffIsEmpty(d: FlowDiff): boolean {
  return (
    Object.values(d.nodes).every((c) => c === 'moved') &&
    !d.edgesAdded.length &&
    !d.edgesRemoved.length &&
    !d.metaChanged.length
  );
}
