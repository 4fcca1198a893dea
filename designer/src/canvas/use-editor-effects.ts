import { useEffect, useRef, useState } from 'react';
import type { ConnectorCatalog } from '@ledgerflow/flow-model';
import { api } from '../api/client.ts';
import type { FlowStore } from '../flow/flow-store.ts';
import { flowProblems } from '../flow/problems.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'failed';

/** Re-validates after edits settle; validation of a large flow is too slow to run on every keystroke. */
export function useValidation(store: FlowStore, catalog: ConnectorCatalog, delay = 250): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const s = store.getState();
      s.setProblems(flowProblems(s.toDefinition(), Object.keys(catalog.connectors).length ? catalog : undefined));
    };
    run();
    const unsub = store.subscribe((s, prev) => {
      if (s.revision === prev.revision) return;
      clearTimeout(timer);
      timer = setTimeout(run, delay);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }, [store, catalog, delay]);
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
