import { api, type FlowRecord } from '../api/client.ts';
import type { ConnectorCatalog } from '@ledgerflow/flow-model';

/**
 * A module loader whose result can be read synchronously once loaded. Rendering a loaded page directly,
 * instead of through React.lazy, avoids a Suspense fallback and React's 300 ms reveal throttle.
 */
export function preloadable<T>(load: () => Promise<T>): { load: () => Promise<T>; current: () => T | undefined } {
  let mod: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    load: () => (pending ??= load().then((m) => (mod = m))),
    current: () => mod,
  };
}

// A deep link into a flow starts fetching it while the session check runs; the editor takes the promise once.
const prefetched = new Map<string, Promise<FlowRecord>>();
let catalog: Promise<ConnectorCatalog> | undefined;

export function prefetchFlow(id: string): void {
  if (!prefetched.has(id)) prefetched.set(id, api.getFlow(id));
  catalog ??= api.connectors();
  // Unhandled-rejection noise is avoided here; the consumer sees the error.
  prefetched.get(id)!.catch(() => undefined);
  catalog.catch(() => undefined);
}

export function takeFlow(id: string): Promise<FlowRecord> {
  const p = prefetched.get(id);
  prefetched.delete(id);
  // A prefetch made before sign-in fails with 401: fetch again now that there is a session.
  return p ? p.catch(() => api.getFlow(id)) : api.getFlow(id);
}

export function takeCatalog(): Promise<ConnectorCatalog> {
  const p = catalog ? catalog.catch(() => api.connectors()) : api.connectors();
  catalog = undefined;
  return p;
}
