import type { FlowDefinition } from '../schema/flow.schema.ts';
import { TRIGGER_KINDS } from '../schema/node.schema.ts';
import { canonicalJson } from '../validation/canonical-json.ts';
import { isRecord, ptr } from '../validation/json-pointer.ts';

/** One leaf that differs; an absent side means the field did not exist there. */
export interface FieldChange {
  /** JSON pointer, relative to the node for node fields and to the definition for flow fields. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface NodeRef {
  id: string;
  kind: string;
  label?: string;
}

export interface ChangedNode extends NodeRef {
  /** Paths relative to the node (`/config/...`, `/label`, `/position/x`); the ref shows the new kind and label. */
  fields: FieldChange[];
}

export interface EdgeRef {
  source: string;
  target: string;
  /** `next` when the edge had no handle. */
  sourceHandle: string;
}

export interface FlowVersionDiff {
  nodesAdded: NodeRef[];
  nodesRemoved: NodeRef[];
  nodesChanged: ChangedNode[];
  edgesAdded: EdgeRef[];
  edgesRemoved: EdgeRef[];
  /** Name, description, settings, variables and schema version, from the definition's root. */
  flowFields: FieldChange[];
  /** Trigger nodes added, removed or changed: these change when and how runs start. */
  triggersChanged: string[];
  unchanged: boolean;
}

type Node = FlowDefinition['nodes'][number];
type Edge = FlowDefinition['edges'][number];

const FLOW_FIELDS = ['schemaVersion', 'name', 'description', 'settings', 'variables'] as const;
const TRIGGERS = new Set<string>(TRIGGER_KINDS);

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function change(path: string, before: unknown, after: unknown): FieldChange {
  const c: FieldChange = { path };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

/**
 * Leaf-level differences: objects are walked key by key and arrays index by index, so a changed
 * decision-table cell shows as that cell, not as the whole table.
 */
export function fieldChanges(before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (same(before, after)) return out;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    for (const k of keys) fieldChanges(own(before, k), own(after, k), `${path}${ptr(k)}`, out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      fieldChanges(before[i], after[i], `${path}${ptr(i)}`, out);
  } else {
    out.push(change(path || '/', before, after));
  }
  return out;
}

function own(v: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(v, key) ? v[key] : undefined;
}

function ref(n: Node): NodeRef {
  return n.label === undefined ? { id: n.id, kind: n.kind } : { id: n.id, kind: n.kind, label: n.label };
}

function edgeRef(e: Edge): EdgeRef {
  return { source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? 'next' };
}

const edgeKey = (e: EdgeRef) => JSON.stringify([e.source, e.sourceHandle, e.target]);

/** Edges compared by endpoints and handle: their ids are arbitrary and the designer may renumber them. */
function edgeChanges(before: Edge[], after: Edge[]): { added: EdgeRef[]; removed: EdgeRef[] } {
  const old = new Set(before.map((e) => edgeKey(edgeRef(e))));
  const cur = new Set(after.map((e) => edgeKey(edgeRef(e))));
  return {
    added: after.map(edgeRef).filter((e) => !old.has(edgeKey(e))),
    removed: before.map(edgeRef).filter((e) => !cur.has(edgeKey(e))),
  };
}

/** What changed from `before` to `after`, two versions (or a version and a valid draft) of one flow. */
export function diffFlowDefinitions(before: FlowDefinition, after: FlowDefinition): FlowVersionDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const cur = new Map(after.nodes.map((n) => [n.id, n]));
  const nodesAdded = after.nodes.filter((n) => !old.has(n.id)).map(ref);
  const nodesRemoved = before.nodes.filter((n) => !cur.has(n.id)).map(ref);
  const nodesChanged: ChangedNode[] = [];
  for (const n of after.nodes) {
    const prev = old.get(n.id);
    if (!prev) continue;
    const fields = fieldChanges(withoutId(prev), withoutId(n));
    if (fields.length) nodesChanged.push({ ...ref(n), fields });
  }
  const edges = edgeChanges(before.edges, after.edges);
  const flowFields: FieldChange[] = [];
  for (const k of FLOW_FIELDS) fieldChanges(before[k], after[k], ptr(k), flowFields);
  const triggerIds = (refs: NodeRef[]) => refs.filter((n) => TRIGGERS.has(n.kind)).map((n) => n.id);
  const triggersChanged = [
    ...new Set([
      ...triggerIds(nodesAdded),
      ...triggerIds(nodesRemoved),
      ...triggerIds(nodesChanged),
      // A node that stopped being a trigger changed the start too.
      ...nodesChanged.filter((n) => TRIGGERS.has(old.get(n.id)!.kind)).map((n) => n.id),
    ]),
  ];
  return {
    nodesAdded,
    nodesRemoved,
    nodesChanged,
    edgesAdded: edges.added,
    edgesRemoved: edges.removed,
    flowFields,
    triggersChanged,
    unchanged:
      !nodesAdded.length &&
      !nodesRemoved.length &&
      !nodesChanged.length &&
      !edges.added.length &&
      !edges.removed.length &&
      !flowFields.length,
  };
}

function withoutId(n: Node): Record<string, unknown> {
  const { id: _id, ...rest } = n;
  return rest;
}
