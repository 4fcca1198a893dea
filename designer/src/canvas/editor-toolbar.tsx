import { useState } from 'react';
import type { Problem } from '@ledgerflow/flow-model';
import { api, ApiError, type FlowRecord } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { navigate } from '../shell/router.ts';
import { useCatalog, useFlow, useFlowApi } from './editor-context.ts';
import { autoLayout } from './auto-layout.ts';
import { useFitAll } from './use-fit-all.ts';
import { openConnectDialog } from './flow-canvas.tsx';
import { connectSubject } from '../flow/keyboard-connect.ts';
import type { SaveState } from './use-editor-effects.ts';
import { useVersionT } from '../panels/version-i18n.ts';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Props {
  record: FlowRecord;
  onRecordChange: (r: FlowRecord) => void;
  saveState: SaveState;
  onImportProblems: (p: Problem[]) => void;
}

export function EditorToolbar({ record, onRecordChange, saveState, onImportProblems }: Props) {
  const t = useT();
  const tv = useVersionT();
  const store = useFlowApi();
  const catalog = useCatalog();
  const fitAll = useFitAll();
  const name = useFlow((s) => s.meta.name);
  const canUndo = useFlow((s) => s.past.length > 0);
  const canRedo = useFlow((s) => s.future.length > 0);
  const problemCount = useFlow((s) => s.problems.length);
  const canConnect = useFlow((s) => connectSubject(s.nodes) !== null);
  // Until the current revision is validated, "no problems" is not known yet.
  const validated = useFlow((s) => s.validatedRevision === s.revision);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const layout = async () => {
    const s = store.getState();
    s.setPositions(await autoLayout(s.nodes, s.edges));
    requestAnimationFrame(() => void fitAll());
  };
  const importJson = async (file: File | undefined) => {
    if (!file) return;
    const { guardImport } = await import('../flow/import-guard.ts');
    const r = guardImport(await file.text(), catalog);
    if (!r.ok) return onImportProblems(r.problems);
    onImportProblems([]);
    store.getState().replace(r.flow);
    requestAnimationFrame(() => void fitAll(0));
  };
  const publish = async () => {
    setMessage(null);
    try {
      // Make sure the server publishes what is on screen, not the last autosave.
      await api.saveDraft(record.id, store.getState().toDefinition());
      const r = await api.publish(record.id, comment);
      setMessage(`${t('editor.published')} ${r.version}`);
      setComment('');
      onRecordChange(await api.getFlow(record.id));
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) store.getState().setProblems(e.problems);
      const same = e instanceof ApiError && e.code === 'FLOW_UNCHANGED' ? (e.details as { version?: number }) : null;
      setMessage(same?.version ? tv('unchanged', { v: same.version }) : (e as Error).message);
    }
  };
  const duplicate = async () => {
    try {
      navigate(`/flows/${(await api.duplicate(record.id)).id}`);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const saveLabel = {
    saved: t('editor.saved'),
    dirty: t('editor.unsaved'),
    saving: t('editor.saving'),
    failed: t('editor.saveFailed'),
  }[saveState];

  return (
    <div className="toolbar" role="toolbar" aria-label={name}>
      <label className="flow-name">
        <span className="sr-only">{t('flows.name')}</span>
        <input
          value={name}
          onChange={(e) => store.getState().setMeta({ name: e.target.value })}
          aria-label={t('flows.name')}
        />
      </label>
      <span className={`save-state ${saveState}`} role="status">
        {saveLabel}
      </span>
      <button type="button" onClick={() => store.getState().undo()} disabled={!canUndo} title="Ctrl+Z">
        {t('editor.undo')}
      </button>
      <button type="button" onClick={() => store.getState().redo()} disabled={!canRedo} title="Ctrl+Shift+Z">
        {t('editor.redo')}
      </button>
      <button type="button" onClick={() => store.getState().removeSelected()} title="Delete">
        {t('editor.delete')}
      </button>
      <button
        type="button"
        onClick={openConnectDialog}
        disabled={!canConnect}
        title={canConnect ? 'C' : t('connect.needNode')}
        aria-keyshortcuts="C"
      >
        {t('connect.open')}
      </button>
      <button type="button" onClick={() => void layout()}>
        {t('editor.layout')}
      </button>
      <button type="button" onClick={() => void fitAll()} title="F">
        {t('editor.fit')}
      </button>
      <button
        type="button"
        onClick={() => download(`${record.id}.json`, JSON.stringify(store.getState().toDefinition(), null, 2))}
      >
        {t('editor.export')}
      </button>
      <label className="button">
        {t('editor.import')}
        <input
          type="file"
          accept="application/json,.json"
          className="sr-only"
          onChange={(e) => void importJson(e.target.files?.[0]).finally(() => (e.target.value = ''))}
        />
      </label>
      <button type="button" onClick={() => void duplicate()}>
        {t('editor.duplicate')}
      </button>
      <span className="spacer" />
      <label>
        <span className="sr-only">{t('editor.publishComment')}</span>
        <input
          placeholder={t('editor.publishComment')}
          aria-label={t('editor.publishComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="primary"
        onClick={() => void publish()}
        disabled={problemCount > 0 || !validated}
        title={problemCount > 0 ? t('editor.publishDisabled') : undefined}
        aria-describedby={problemCount > 0 ? 'publish-why' : undefined}
      >
        {t('editor.publish')}
      </button>
      {problemCount > 0 && (
        <span id="publish-why" className="sr-only">
          {t('editor.publishDisabled')}
        </span>
      )}
      {message && (
        <span role="status" className="toolbar-message">
          {message}
        </span>
      )}
    </div>
  );
}
