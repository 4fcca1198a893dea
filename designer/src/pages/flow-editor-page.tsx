import { useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ConnectorCatalog } from '@ledgerflow/flow-model';
import type { FlowRecord } from '../api/client.ts';
import { takeCatalog, takeFlow } from '../shell/preload.ts';
import { createFlowStore } from '../flow/flow-store.ts';
import { CatalogContext, FlowStoreContext } from '../canvas/editor-context.ts';
import { useT } from '../i18n/i18n.ts';
import { EditorWorkspace } from '../canvas/editor-workspace.tsx';

const EMPTY: ConnectorCatalog = { connectors: {} };

export function FlowEditorPage({ flowId }: { flowId: string }) {
  const t = useT();
  const store = useMemo(() => createFlowStore(), []);
  const [record, setRecord] = useState<FlowRecord | null>(null);
  const [catalog, setCatalog] = useState<ConnectorCatalog>(EMPTY);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // The catalog only enriches the palette and validation: the flow opens without it.
    takeCatalog().then(
      (c) => live && setCatalog(c),
      () => undefined,
    );
    takeFlow(flowId).then(
      (rec) => {
        if (!live) return;
        store.getState().load(rec.draft, rec.id);
        setRecord(rec);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [flowId, store]);

  if (error)
    return (
      <p role="alert" className="error page">
        {error}
      </p>
    );
  if (!record)
    return (
      <p role="status" className="center">
        {t('common.loading')}
      </p>
    );
  return (
    <FlowStoreContext.Provider value={store}>
      <CatalogContext.Provider value={catalog}>
        <ReactFlowProvider>
          <EditorWorkspace record={record} onRecordChange={setRecord} />
        </ReactFlowProvider>
      </CatalogContext.Provider>
    </FlowStoreContext.Provider>
  );
}
