import { useEffect, useRef, useState } from 'react';
import type { ConnectorCatalog } from '@ledgerflow/flow-model';
import { api } from '../api/client.ts';
import type { FlowStore } from '../flow/flow-state.types.ts';
import { useConnections } from '../panels/use-connections.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'failed';

/** Re-validates after edits settle; validation of a large flow is too slow to run on every keystroke. */
export function useValidation(store: FlowStore, catalog: ConnectorCatalog, enabled: boolean, delay = 250): void {
  const items = useConnections((s) => s.items);
  useEffect(() => {
    if (enabled) void useConnections.getState().load();
  }, [enabled]);
  useEffect(() => {
    if (!enabled) return;
    // Until the list has loaded, connections are not judged (null), rather than all reported missing.
    const connections = items?.map((c) => ({ id: c.id, name: c.name, connector: c.connectorId }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    // The validator (with its holiday calendars) loads after first paint: the canvas is usable before it arrives.
    const run = () => {
      void import('../flow/problems.ts').then(({ flowProblems }) => {
        if (!live) return;
        const s = store.getState();
        s.setProblems(
          flowProblems(s.toDefinition(), Object.keys(catalog.connectors).length ? catalog : undefined, connections),
          s.revision,
        );
      });
    };
    timer = setTimeout(run, 0);
    const unsub = store.subscribe((s, prev) => {
      if (s.revision === prev.revision) return;
      clearTimeout(timer);
      timer = setTimeout(run, delay);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      unsub();
    };
  }, [store, catalog, enabled, delay, items]);
}

/** Debounced draft autosave; the server accepts invalid drafts, so nothing is lost while editing. */
export function useAutosave(store: FlowStore, flowId: string | null, delay = 1200): SaveState {
  const [state, setState] = useState<SaveState>('saved');
  const inFlight = useRef<Promise<unknown> | null>(null);
  useEffect(() => {
    if (!flowId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = async () => {
      await inFlight.current;
      setState('saving');
      const p = api.saveDraft(flowId, store.getState().toDefinition());
      inFlight.current = p.catch(() => undefined);
      try {
        await p;
        setState('saved');
      } catch {
        setState('failed');
      }
    };
    const unsub = store.subscribe((s, prev) => {
      if (s.revision === prev.revision) return;
      setState('dirty');
      clearTimeout(timer);
      timer = setTimeout(() => void save(), delay);
    });
    const flush = () => {
      if (timer) void save();
    };
    window.addEventListener('beforeunload', flush);
    return () => {
      unsub();
      window.removeEventListener('beforeunload', flush);
      // Leaving the editor must not drop the last edits.
      if (timer) {
        clearTimeout(timer);
        void api.saveDraft(flowId, store.getState().toDefinition()).catch(() => undefined);
      }
    };
  }, [store, flowId, delay]);
  return state;
}
