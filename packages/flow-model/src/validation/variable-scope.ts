import type { VariableType } from '../schema/common.schema.ts';
import type { FlowIndex, IndexedEdge } from './flow-index.ts';
import { ownArray, ownString } from './json-pointer.ts';
import { nodeDefinitions } from './node-references.ts';

export interface VariableInfo {
  name: string;
  type: VariableType;
  /** input: flow.variables; builtin: now, businessKey, runId; node: defined by node `nodeId`. */
  source: 'input' | 'builtin' | 'node';
  nodeId?: string;
}
export type Scope = Map<string, VariableInfo>;

export const BUILTIN_VARIABLES: VariableInfo[] = [
  { name: 'now', type: 'datetime', source: 'builtin' },
  { name: 'businessKey', type: 'string', source: 'builtin' },
  { name: 'runId', type: 'string', source: 'builtin' },
];

const TYPES = new Set(['string', 'number', 'decimal', 'money', 'date', 'datetime', 'boolean', 'object', 'list', 'any']);

export function baseScope(flowVariables: unknown[]): Scope {
  const scope: Scope = new Map();
  for (const b of BUILTIN_VARIABLES) scope.set(b.name, b);
  for (const v of flowVariables) {
    const name = ownString(v, 'name');
    const type = ownString(v, 'type');
    if (name)
      scope.set(name, { name, type: (type && TYPES.has(type) ? type : 'any') as VariableType, source: 'input' });
  }
  return scope;
}

export function inputsOf(flow: unknown): unknown[] {
  return ownArray(flow, 'variables');
}

function edgeOut(ix: FlowIndex, inScope: Scope, e: IndexedEdge): Scope {
  const src = ix.byId.get(e.source)!;
  const defs = nodeDefinitions(src, e.handle);
  if (defs.length === 0) return inScope;
  const out = new Map(inScope);
  for (const d of defs) out.set(d.name, { ...d, source: 'node', nodeId: src.id });
  return out;
}

/** Reverse post-order from the triggers (iterative DFS), so most predecessors come before their successors. */
function reversePostOrder(ix: FlowIndex): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const t of ix.triggers) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const work: Array<{ id: string; i: number }> = [{ id: t.id, i: 0 }];
    while (work.length) {
      const top = work[work.length - 1]!;
      const outs = ix.out.get(top.id)!;
      if (top.i < outs.length) {
        const next = outs[top.i++]!.target;
        if (!seen.has(next)) (seen.add(next), work.push({ id: next, i: 0 }));
      } else {
        order.push(top.id);
        work.pop();
      }
    }
  }
  return order.reverse();
}

/**
 * Variables definitely defined on entry to each reachable node (a must / dominance-style data flow):
 * a variable counts only if every path from the trigger defines it. At a parallel.join all branches
 * have run, so the join takes the union instead. Unreachable nodes get no entry.
 */
export function computeScopes(ix: FlowIndex, base: Scope): Map<string, Scope> {
  const order = reversePostOrder(ix);
  const scopes = new Map<string, Scope>();
  for (const t of ix.triggers) scopes.set(t.id, base);
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const id of order) {
      const node = ix.byId.get(id)!;
      if (ix.triggers.includes(node)) continue;
      let merged: Scope | undefined;
      for (const e of ix.into.get(id)!) {
        const predIn = scopes.get(e.source);
        if (!predIn) continue; // not computed yet: optimistic "everything" for loops
        const out = edgeOut(ix, predIn, e);
        if (!merged) merged = new Map(out);
        else if (node.kind === 'parallel.join') for (const [k, v] of out) merged.set(k, merged.get(k) ?? v);
        else for (const k of [...merged.keys()]) if (!out.has(k)) merged.delete(k);
      }
      if (!merged) continue;
      const prev = scopes.get(id);
      if (!prev || prev.size !== merged.size || [...merged.keys()].some((k) => !prev.has(k))) {
        scopes.set(id, merged);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return scopes;
}
