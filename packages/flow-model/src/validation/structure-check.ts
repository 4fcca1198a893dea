import { Kind, Type, type TSchema } from '@sinclair/typebox';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { FlowDefinition, FlowEdge } from '../schema/flow.schema.ts';
import { FlowNode, NODE_KINDS, type NodeKind } from '../schema/node.schema.ts';
import type { ProblemSink } from './problem-sink.ts';
import { isRecord, jsonDepth, own, ownString, ptr } from './json-pointer.ts';

export const MAX_NODES = 5000;
export const MAX_EDGES = 20000;
/** Deeper than any sane condition tree; deeper input is rejected before the recursive schema walk. */
const MAX_DEPTH = 48;

const KIND_SCHEMA = new Map<string, TSchema>(FlowNode.anyOf.map((s) => [s.properties.kind.const as string, s]));
const KNOWN_KINDS = new Set<string>(NODE_KINDS);

const Envelope = Type.Object({
  ...FlowDefinition.properties,
  nodes: Type.Array(Type.Unknown(), { maxItems: MAX_NODES }),
  edges: Type.Array(Type.Unknown(), { maxItems: MAX_EDGES }),
});

type Branch = { schema: TSchema } | { message: string; at: string } | null;

/** Picks the union member a value was meant to be, so errors point inside it instead of "Expected union value". */
function pickBranch(union: TSchema, value: unknown): Branch {
  const members = (union.anyOf ?? []) as TSchema[];
  if (members.length > 0 && members.every((m) => m[Kind] === 'Literal')) {
    const allowed = members.map((m) => JSON.stringify(m.const));
    return { message: `Expected one of ${allowed.slice(0, 40).join(', ')}${allowed.length > 40 ? ', …' : ''}`, at: '' };
  }
  if (!isRecord(value)) return null;
  const objects = members.filter((m) => m[Kind] === 'Object');
  const first = objects[0];
  const disc =
    first &&
    Object.keys(first.properties ?? {}).find((k) => objects.every((m) => m.properties?.[k]?.[Kind] === 'Literal'));
  if (disc) {
    const tag = own(value, disc);
    const match = objects.find((m) => m.properties[disc].const === tag);
    if (match) return { schema: match };
    const allowed = objects.map((m) => JSON.stringify(m.properties[disc].const)).join(', ');
    return { message: `'${disc}' must be one of ${allowed}`, at: `/${disc}` };
  }
  // No tag (e.g. Condition: {all} | {any} | {not} | leaf): the member sharing most required keys.
  let best: TSchema | undefined;
  let bestScore = 0;
  for (const m of objects) {
    const score = ((m.required ?? []) as string[]).filter((k) => Object.hasOwn(value, k)).length;
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  return best ? { schema: best } : null;
}

export function* schemaErrors(
  schema: TSchema,
  value: unknown,
  prefix: string,
  refs: TSchema[] = [],
  depth = 0,
): Generator<{ path: string; message: string }> {
  // A missing property also fails its type check; one problem per missing property is enough.
  const missing = new Set<string>();
  for (const e of Value.Errors(schema, refs, value)) {
    if (missing.has(e.path)) continue;
    if (e.type === ValueErrorType.ObjectRequiredProperty) missing.add(e.path);
    if (e.type === ValueErrorType.Union && depth < MAX_DEPTH) {
      const branch = pickBranch(e.schema, e.value);
      if (branch && 'schema' in branch) {
        const nextRefs = e.schema.$id ? [...refs.filter((r) => r.$id !== e.schema.$id), e.schema] : refs;
        yield* schemaErrors(branch.schema, e.value, prefix + e.path, nextRefs, depth + 1);
        continue;
      }
      if (branch) {
        yield { path: prefix + e.path + branch.at || '/', message: branch.message };
        continue;
      }
    }
    yield { path: prefix + e.path || '/', message: e.message };
  }
}

export interface StructureResult {
  /** Node entries usable by later checks: objects with a string id and a known kind (config may still be wrong). */
  nodes: Array<{ index: number; node: Record<string, unknown>; kind: NodeKind; id: string }>;
  edges: Array<{ index: number; edge: Record<string, unknown> }>;
  /** Over the size limits: semantic checks are skipped to keep validation time bounded. */
  oversized: boolean;
}

export function checkStructure(flow: unknown, sink: ProblemSink): StructureResult | null {
  if (!isRecord(flow)) {
    sink.add({ path: '/', code: 'SCHEMA', message: 'A flow must be a JSON object' });
    return null;
  }
  for (const e of schemaErrors(Envelope, flow, '')) {
    if (!sink.add({ path: e.path, code: 'SCHEMA', message: e.message })) return null;
  }
  const rawNodes = Array.isArray(own(flow, 'nodes')) ? (own(flow, 'nodes') as unknown[]) : [];
  const rawEdges = Array.isArray(own(flow, 'edges')) ? (own(flow, 'edges') as unknown[]) : [];
  const result: StructureResult = {
    nodes: [],
    edges: [],
    oversized: rawNodes.length > MAX_NODES || rawEdges.length > MAX_EDGES,
  };

  for (let i = 0; i < Math.min(rawNodes.length, MAX_NODES) && !sink.full; i++) {
    const node = rawNodes[i];
    const at = ptr('nodes', i);
    if (!isRecord(node)) {
      sink.add({ path: at, code: 'SCHEMA', message: 'A node must be an object' });
      continue;
    }
    const id = ownString(node, 'id');
    const nodeId = id !== undefined ? { nodeId: id.slice(0, 64) } : {};
    const kind = own(node, 'kind');
    if (typeof kind !== 'string' || !KNOWN_KINDS.has(kind)) {
      sink.add({
        path: `${at}/kind`,
        code: 'UNKNOWN_KIND',
        message: `Unknown node kind ${JSON.stringify(kind)?.slice(0, 40) ?? 'undefined'}; expected one of ${NODE_KINDS.join(', ')}`,
        ...nodeId,
      });
      continue;
    }
    if (jsonDepth(node, MAX_DEPTH) > MAX_DEPTH) {
      sink.add({ path: at, code: 'SCHEMA', message: `Node is nested more than ${MAX_DEPTH} levels deep`, ...nodeId });
      continue;
    }
    for (const e of schemaErrors(KIND_SCHEMA.get(kind)!, node, at))
      sink.add({ path: e.path, code: 'SCHEMA', message: e.message, ...nodeId });
    if (id !== undefined) result.nodes.push({ index: i, node, kind: kind as NodeKind, id });
  }

  for (let i = 0; i < Math.min(rawEdges.length, MAX_EDGES) && !sink.full; i++) {
    const edge = rawEdges[i];
    const at = ptr('edges', i);
    if (!isRecord(edge)) {
      sink.add({ path: at, code: 'SCHEMA', message: 'An edge must be an object' });
      continue;
    }
    const edgeId = ownString(edge, 'id');
    const ref = edgeId !== undefined ? { edgeId: edgeId.slice(0, 128) } : {};
    let ok = true;
    for (const e of schemaErrors(FlowEdge, edge, at)) {
      ok = false;
      sink.add({ path: e.path, code: 'SCHEMA', message: e.message, ...ref });
    }
    if (
      ok ||
      (typeof own(edge, 'source') === 'string' && typeof own(edge, 'target') === 'string' && edgeId !== undefined)
    )
      result.edges.push({ index: i, edge });
  }
  return result;
}
