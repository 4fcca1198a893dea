import { WAITING_KINDS } from '../schema/node.schema.ts';
import type { FlowIndex, IndexedNode } from './flow-index.ts';
import { requiredHandles, validHandles } from './flow-index.ts';
import { ptr } from './json-pointer.ts';
import type { ProblemSink } from './problem-sink.ts';
import type { StructureResult } from './structure-check.ts';

const WAITING = new Set<string>(WAITING_KINDS);
const OUTCOME_KINDS = new Set(['decision', 'decisionTable', 'humanTask']);

/** Ids, trigger count, dangling edges, handles, missing edges, reachability, wait-less cycles. All O(N + E). */
export function checkGraph(ix: FlowIndex, s: StructureResult, sink: ProblemSink): void {
  const nodeAt = (n: IndexedNode, ...rest: Array<string | number>) => ({
    path: ptr('nodes', n.index, ...rest),
    nodeId: n.id,
  });

  const seenNodes = new Set<string>();
  for (const n of ix.nodes) {
    if (seenNodes.has(n.id))
      sink.add({
        ...nodeAt(n, 'id'),
        code: 'DUPLICATE_ID',
        message: `Node id '${n.id}' is used by more than one node`,
      });
    seenNodes.add(n.id);
  }
  const seenEdges = new Set<string>();
  for (const e of ix.edges) {
    if (seenEdges.has(e.id))
      sink.add({
        path: ptr('edges', e.index, 'id'),
        edgeId: e.id,
        code: 'DUPLICATE_ID',
        message: `Edge id '${e.id}' is used by more than one edge`,
      });
    seenEdges.add(e.id);
  }

  if (ix.triggers.length === 0)
    sink.add({ path: '/nodes', code: 'NO_TRIGGER', message: 'The flow needs exactly one trigger node' });
  for (const t of ix.triggers.slice(1))
    sink.add({
      ...nodeAt(t, 'kind'),
      code: 'MULTIPLE_TRIGGERS',
      message: `Only one trigger is allowed; '${ix.triggers[0]!.id}' is already the trigger`,
    });

  for (const e of ix.edges) {
    for (const end of ['source', 'target'] as const) {
      if (!ix.byId.has(e[end]))
        sink.add({
          path: ptr('edges', e.index, end),
          edgeId: e.id,
          code: 'DANGLING_EDGE',
          message: `Edge ${end} '${e[end]}' is not a node of this flow`,
        });
    }
  }

  for (const e of ix.live) {
    const src = ix.byId.get(e.source)!;
    const handles = validHandles(src);
    if (!handles.includes(e.handle)) {
      const expected = handles.length
        ? `expected ${handles.map((h) => `'${h}'`).join(', ')}`
        : `an '${src.kind}' node has no outgoing edges`;
      sink.add({
        path: ptr('edges', e.index, 'sourceHandle'),
        edgeId: e.id,
        nodeId: src.id,
        code: 'INVALID_HANDLE',
        message: `'${e.handle}' is not a handle of ${src.kind} node '${src.id}': ${expected}`,
      });
    }
    const tgt = ix.byId.get(e.target)!;
    if (ix.triggers.includes(tgt))
      sink.add({
        path: ptr('edges', e.index, 'target'),
        edgeId: e.id,
        nodeId: tgt.id,
        code: 'TRIGGER_HAS_INCOMING',
        message: 'A trigger cannot be the target of an edge',
      });
  }

  for (const n of ix.byId.values()) {
    if (n.kind === 'end') continue;
    const outs = ix.out.get(n.id)!;
    const handles = new Set(outs.map((e) => e.handle));
    for (const r of requiredHandles(n)) {
      if (!handles.has(r.handle))
        sink.add({
          ...nodeAt(n, ...r.path),
          code: 'OUTCOME_WITHOUT_EDGE',
          message: `Outcome '${r.handle}' of '${n.id}' has no outgoing edge`,
        });
    }
    if (OUTCOME_KINDS.has(n.kind)) continue;
    if (outs.length === 0)
      sink.add({
        ...nodeAt(n),
        code: 'NO_OUTGOING_EDGE',
        message: `Node '${n.id}' has no outgoing edge; only 'end' nodes may finish a flow`,
      });
    else if (!handles.has('next'))
      sink.add({ ...nodeAt(n), code: 'NO_OUTGOING_EDGE', message: `Node '${n.id}' has no 'next' edge` });
  }

  if (s.oversized) return;
  if (ix.triggers.length > 0) {
    const reached = reachable(
      ix,
      ix.triggers.map((t) => t.id),
    );
    for (const n of ix.byId.values())
      if (!reached.has(n.id))
        sink.add({ ...nodeAt(n), code: 'UNREACHABLE', message: `Node '${n.id}' cannot be reached from the trigger` });
  }
  for (const scc of cyclesWithoutWait(ix)) {
    const first = scc.reduce((a, b) => (b.index < a.index ? b : a));
    const ids = scc.map((n) => n.id);
    sink.add({
      ...nodeAt(first),
      code: 'CYCLE_WITHOUT_WAIT',
      message: `Loop through ${ids.slice(0, 10).join(' → ')}${ids.length > 10 ? ' …' : ''} has no wait, wait-for-event or human task: it would spin forever`,
    });
  }
}

export function reachable(ix: FlowIndex, from: string[]): Set<string> {
  const seen = new Set(from);
  const stack = [...from];
  while (stack.length)
    for (const e of ix.out.get(stack.pop()!) ?? []) if (!seen.has(e.target)) (seen.add(e.target), stack.push(e.target));
  return seen;
}

/**
 * A cycle is allowed only if it passes a waiting node. Removing waiting nodes and finding strongly
 * connected components (iterative Tarjan) leaves exactly the loops that never wait.
 */
function cyclesWithoutWait(ix: FlowIndex): IndexedNode[][] {
  const nodes = [...ix.byId.values()].filter((n) => !WAITING.has(n.kind));
  const succ = (id: string) =>
    ix.out
      .get(id)!
      .filter((e) => !WAITING.has(ix.byId.get(e.target)!.kind))
      .map((e) => e.target);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: IndexedNode[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root.id)) continue;
    const work: Array<{ id: string; next: string[]; i: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: succ(id), i: 0 });
    };
    open(root.id);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.i < top.next.length) {
        const w = top.next[top.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(top.id, Math.min(low.get(top.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!;
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(top.id)!));
      }
      if (low.get(top.id) === index.get(top.id)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.id);
        const selfLoop = comp.length === 1 && top.next.includes(top.id);
        if (comp.length > 1 || selfLoop) result.push(comp.reverse().map((id) => ix.byId.get(id)!));
      }
    }
  }
  return result;
}
