import { create } from 'zustand';
import { send } from '../api/client.ts';
import type { ApiResponse } from '../api/api-types.ts';

export type ConnectionItem = ApiResponse<'/api/connections', 'get'>['items'][number];

interface ConnectionsState {
  items: ConnectionItem[] | null;
  load: (force?: boolean) => Promise<void>;
}

/**
 * The connections every picker and the gallery offer, loaded once per page load (and again on demand, after the user
 * created one in another tab). Failing to load leaves an empty list: the pickers then offer the link to create one.
 */
export const useConnections = create<ConnectionsState>()((set, get) => ({
  items: null,
  load: async (force = false) => {
    if (get().items && !force) return;
    try {
      set({ items: (await send('get', '/api/connections', {})).items });
    } catch {
      set({ items: [] });
    }
  },
}));

export function connectionsOf(items: readonly ConnectionItem[] | null, connector: string): ConnectionItem[] {
  return (items ?? []).filter((c) => c.connectorId === connector);
}

/** The id or name a node stores, matched like the engine does. */
export function findConnection(items: readonly ConnectionItem[], ref: string | undefined): ConnectionItem | undefined {
  return ref ? items.find((c) => c.id === ref || c.name === ref) : undefined;
}
