import { useCallback } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 1.2;
const PADDING = 0.1;

/**
 * "Zoom to fit" that works on culled flows. React Flow's own fitView waits until every node has been
 * measured, which never happens when off-screen nodes are not rendered; node bounds fall back to the
 * initial size we give every node, so they can be computed without rendering.
 */
export function useFitAll(): (duration?: number) => Promise<boolean> {
  const rf = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (duration = 200) => {
      const nodes = rf.getNodes();
      if (nodes.length === 0) return Promise.resolve(false);
      const { width, height } = store.getState();
      const viewport = getViewportForBounds(rf.getNodesBounds(nodes), width, height, MIN_ZOOM, MAX_ZOOM, PADDING);
      return rf.setViewport(viewport, { duration });
    },
    [rf, store],
  );
}
