import { useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { api, type FlowStats } from '../api/client.ts';
import { createFlowStore } from '../flow/flow-store.ts';
import { FlowStoreContext } from '../canvas/editor-context.ts';
import { FlowCanvas } from '../canvas/flow-canvas.tsx';
import { useT } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';
import { traceRun } from '../run/run-trace.ts';
import { statsDecorations, traceDecorations } from '../run/run-decorations.ts';
import { useRunPoll } from '../run/use-run-poll.ts';
import { NodeRunDetails, RunErrors, safeHttpUrl } from '../run/node-run-details.tsx';
import { useStore } from 'zustand';
import { AuditChainDetails } from './audit/audit-chain-panel.tsx';

/** Live run viewer: the flow version the run uses, its path, per-node counts and the Temporal link. */
export function RunPage({ runId }: { runId: string }) {
  const t = useT();
  const labels = useStatusLabels();
  const store = useMemo(() => createFlowStore(), []);
  const { detail, error } = useRunPoll(runId, 3000);
  const [loaded, setLoaded] = useState(false);
  const [stats, setStats] = useState<FlowStats | null>(null);
  const [showStats, setShowStats] = useState(false);
  const selectedId = useStore(store, (s) => s.nodes.find((n) => n.selected)?.id);
  const trace = useMemo(() => (detail ? traceRun(detail.events) : null), [detail]);
  const flowId = detail?.run.flowId;
  const version = detail?.run.version;

  useEffect(() => {
    if (!flowId || loaded) return;
    const load = version
      ? api.getVersion(flowId, version).then((v) => v.definition)
      : api.getFlow(flowId).then((f) => f.draft);
    void load.then((def) => {
      store.getState().load(def, flowId);
      setLoaded(true);
    });
    void api.flowStats(flowId).then(setStats, () => undefined);
  }, [flowId, version, loaded, store]);

  useEffect(() => {
    if (!trace || !loaded) return;
    const base = traceDecorations(trace);
    for (const id of detail?.run.currentNodes ?? []) base[id] = { ...base[id], status: 'active' };
    store.getState().setDecorations(showStats && stats ? statsDecorations(stats, base) : base);
  }, [trace, loaded, stats, showStats, detail, store]);

  const taken = useMemo(() => new Set(trace?.path ?? []), [trace]);
  const temporal = safeHttpUrl(detail?.run.temporalUrl);
  if (error && !detail)
    return (
      <p role="alert" className="error page">
        {error}
      </p>
    );
  if (!detail || !trace)
    return (
      <p role="status" className="center">
        {t('common.loading')}
      </p>
    );

  return (
    <FlowStoreContext.Provider value={store}>
      <div className="editor">
        <div className="toolbar">
          <h1 className="inline">
            {t('run.title')} {detail.run.runId}
          </h1>
          <span className={`status ${detail.run.status}`}>{labels.s(detail.run.status)}</span>
          <span>
            {detail.run.flowId} · {detail.run.version ? `v${detail.run.version}` : t('run.draft')} ·{' '}
            {detail.run.businessKey}
          </span>
          <span>
            {t('run.currentNodes')}: {detail.run.currentNodes.join(', ') || '—'}
          </span>
          <label className="check">
            <input
              type="checkbox"
              checked={showStats}
              onChange={(e) => setShowStats(e.target.checked)}
              disabled={!stats}
            />{' '}
            entered·active·failed
          </label>
          {temporal && (
            <a href={temporal} target="_blank" rel="noreferrer noopener">
              {t('run.temporal')}
            </a>
          )}
        </div>
        <div className="editor-body run-body">
          <ReactFlowProvider>{loaded && <FlowCanvas readOnly highlightedEdges={taken} />}</ReactFlowProvider>
          <aside className="side">
            <RunErrors trace={trace} />
            <AuditChainDetails runId={runId} />
            {selectedId ? (
              <NodeRunDetails nodeId={selectedId} node={trace.nodes[selectedId]} />
            ) : (
              <p className="muted">{t('editor.selectNode')}</p>
            )}
            <h2>{t('run.events')}</h2>
            <ol className="events">
              {detail.events.map((e) => (
                <li key={e.seq}>
                  <code>{e.seq}</code> {e.type} {e.nodeId && <strong>{e.nodeId}</strong>}{' '}
                  <span className="muted">{new Date(e.at).toLocaleTimeString()}</span>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      </div>
    </FlowStoreContext.Provider>
  );
}
