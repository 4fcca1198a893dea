import type { NodeKind } from '../schema/node.schema.ts';
import { HANDLE, TRIGGER_KINDS } from '../schema/node.schema.ts';
import { isRecord, own, ownArray, ownString } from './json-pointer.ts';
import type { StructureResult } from './structure-check.ts';

export interface IndexedNode {
  index: number;
  id: string;
  kind: NodeKind;
  /** What the process owner named it, for messages that name the node as they see it. */
  label?: string;
  config: Record<string, unknown>;
}
export interface IndexedEdge {
  index: number;
  id: string;
  source: string;
  target: string;
  handle: string;
}

/** The graph as later checks see it: first node wins a duplicate id, edges only between existing nodes. */
export interface FlowIndex {
  nodes: IndexedNode[];
  byId: Map<string, IndexedNode>;
  edges: IndexedEdge[];
  /** Edges with both ends known. */
  live: IndexedEdge[];
  out: Map<string, IndexedEdge[]>;
  into: Map<string, IndexedEdge[]>;
  triggers: IndexedNode[];
}

const TRIGGERS = new Set<string>(TRIGGER_KINDS);

export function buildIndex(s: StructureResult): FlowIndex {
  const nodes: IndexedNode[] = s.nodes.map(({ index, id, kind, node }) => ({
    index,
    id,
    kind,
    label: ownString(node, 'label') || undefined,
    config: isRecord(own(node, 'config')) ? (own(node, 'config') as Record<string, unknown>) : {},
  }));
  const byId = new Map<string, IndexedNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const edges: IndexedEdge[] = [];
  for (const { index, edge } of s.edges) {
    const source = ownString(edge, 'source');
    const target = ownString(edge, 'target');
    const id = ownString(edge, 'id');
    if (source === undefined || target === undefined || id === undefined) continue;
    edges.push({ index, id, source, target, handle: ownString(edge, 'sourceHandle') ?? HANDLE.next });
  }
  const out = new Map<string, IndexedEdge[]>();
  const into = new Map<string, IndexedEdge[]>();
  for (const n of byId.keys()) {
    out.set(n, []);
    into.set(n, []);
  }
  const live = edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  for (const e of live) {
    out.get(e.source)!.push(e);
    into.get(e.target)!.push(e);
  }
  return { nodes, byId, edges, live, out, into, triggers: [...byId.values()].filter((n) => TRIGGERS.has(n.kind)) };
}

function names(list: unknown[], key: string): string[] {
  return list.map((x) => ownString(x, key)).filter((x): x is string => x !== undefined);
}

/** Source handles a node may have edges on. */
export function validHandles(n: IndexedNode): string[] {
  const c = n.config;
  switch (n.kind) {
    case 'decision':
      return [...new Set([...names(ownArray(c, 'outcomes'), 'name'), ...names([c], 'defaultOutcome')])];
    case 'decisionTable':
      return [...new Set([...names(ownArray(c, 'rows'), 'outcome'), ...names([c], 'defaultOutcome')])];
    case 'humanTask':
      return [...names(ownArray(c, 'outcomes'), 'name'), HANDLE.expired];
    case 'action':
      return [HANDLE.next, HANDLE.error];
    case 'waitForEvent':
      return [HANDLE.next, HANDLE.timeout];
    case 'end':
      return [];
    default:
      return [HANDLE.next];
  }
}

/** Handles that must have an edge, with the config path that declares them. */
export function requiredHandles(n: IndexedNode): Array<{ handle: string; path: string[] }> {
  const c = n.config;
  const req: Array<{ handle: string; path: string[] }> = [];
  const seen = new Set<string>();
  const push = (handle: string | undefined, path: string[]) => {
    if (handle === undefined || seen.has(handle)) return;
    seen.add(handle);
    req.push({ handle, path });
  };
  if (n.kind === 'decision' || n.kind === 'humanTask')
    ownArray(c, 'outcomes').forEach((o, i) => push(ownString(o, 'name'), ['config', 'outcomes', String(i), 'name']));
  if (n.kind === 'decisionTable')
    ownArray(c, 'rows').forEach((r, i) => push(ownString(r, 'outcome'), ['config', 'rows', String(i), 'outcome']));
  if (n.kind === 'decision' || n.kind === 'decisionTable')
    push(ownString(c, 'defaultOutcome'), ['config', 'defaultOutcome']);
  if (n.kind === 'waitForEvent' && own(c, 'timeout') !== undefined) push(HANDLE.timeout, ['config', 'timeout']);
  // A task that may expire must say where the run goes then; `due` alone only makes it overdue.
  if (n.kind === 'humanTask' && own(c, 'expireAfter') !== undefined) push(HANDLE.expired, ['config', 'expireAfter']);
  return req;
}
