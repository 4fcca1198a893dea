import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ConnectorCatalog } from '@ledgerflow/flow-model';
import type { FlowState, FlowStore } from '../flow/flow-state.types.ts';

export const FlowStoreContext = createContext<FlowStore | null>(null);
export const CatalogContext = createContext<ConnectorCatalog>({ connectors: {} });

function useFlowStoreApi(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlow outside an editor');
  return store;
}

/** Selector hook: components subscribe to the slice they render, so one node edit does not re-render 1,000 nodes. */
export function useFlow<T>(selector: (s: FlowState) => T): T {
  return useStore(useFlowStoreApi(), selector);
}

export function useFlowApi(): FlowStore {
  return useFlowStoreApi();
}

export function useCatalog(): ConnectorCatalog {
  return useContext(CatalogContext);
}
