import type { DesignerEdge } from './designer-graph.types.ts';

// Apart from edge-labels.ts: node views read this, and anything importing the node-kind registry would close a loop.
// Keyed by the edge list itself: dragging changes node positions, not edges, so it is not redone per frame.
const connectedCache = new WeakMap<readonly DesignerEdge[], Map<string, Set<string>>>();

/** Which outputs of each node already carry an edge (absent sourceHandle means `next`). */
export function connectedHandles(edges: readonly DesignerEdge[]): Map<string, Set<string>> {
  let map = connectedCache.get(edges);
  if (!map) {
    map = new Map();
    for (const e of edges) {
      let set = map.get(e.source);
      if (!set) map.set(e.source, (set = new Set()));
      set.add(e.sourceHandle ?? 'next');
    }
    connectedCache.set(edges, map);
  }
  return map;
}
