import { useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { api, type FlowStats } from '../api/client.ts';
import { createFlowStore } from '../flow/flow-store.ts';
import { FlowStoreContext } from '../canvas/editor-context.ts';
import { FlowCanvas } from '../canvas/flow-canvas.tsx';
import { useT } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';
import { useColon } from '../i18n/punctuation.ts';
import { traceRun } from '../run/run-trace.ts';
import { runDecorations, statsDecorations } from '../run/run-decorations.ts';
import { useRunPoll } from '../run/use-run-poll.ts';
import { NodeRunDetails, RunErrors, safeHttpUrl } from '../run/node-run-details.tsx';
import { useStore } from 'zustand';
import { AuditChainDetails } from './audit/audit-chain-panel.tsx';
import { RunActions } from '../run/run-actions.tsx';
import { useEventLabel, useRunDates, useRunsT } from './runs/runs-i18n.ts';

/** Live run viewer: the flow version the run uses, its path, per-node counts and the Temporal link. */
export function RunPage({ runId }: { runId: string }) {
  const t = useT();
  const labels = useStatusLabels();
  const colon = useColon();
  const store = useMemo(() => createFlowStore(), []);
  const rt = useRunsT();
  const eventLabel = useEventLabel();
  const dates = useRunDates();
  const { detail, error } = useRunPoll(runId, 3000);
  const [loaded, setLoaded] = useState(false);
  const [stats, setStats] = useState<FlowStats | null>(null);
  const [showStats, setShowStats] = useState(false);
  const selectedId = useStore(store, (s) => s.nodes.find((n) => n.selected)?.id);
  // History and errors name steps as the flow does; an id the loaded version lacks is shown as it is.
  const nodeLabels = useStore(store, (s) => s.nodes);
  const labelOf = useMemo(() => {
    const m = new Map(nodeLabels.map((n) => [n.id, n.data.node.label || n.id]));
    return (id: string) => m.get(id) ?? id;
  }, [nodeLabels]);
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
    const base = detail ? runDecorations(trace, detail.run) : {};
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
            {t('run.title')} {detail.run.runId.slice(0, 8)}
          </h1>
          <span className={`status ${detail.run.status}`}>{labels.s(detail.run.status)}</span>
          <span>
            <a href={`#/flows/${encodeURIComponent(detail.run.flowId)}`} translate="no">
              {detail.run.flowName ?? rt('unknownFlow')}
            </a>{' '}
            · {detail.run.version ? `v${detail.run.version}` : t('run.draft')} · {detail.run.businessKey}
          </span>
          <span>
            {t('run.currentNodes')}
            {colon}
            {detail.run.currentNodes.map(labelOf).join(', ') || '—'}
          </span>
          <RunActions runId={runId} status={detail.run.status} onDone={() => undefined} />
          <label className="check">
            <input
              type="checkbox"
              checked={showStats}
              onChange={(e) => setShowStats(e.target.checked)}
              disabled={!stats}
            />{' '}
            {rt('stats')}
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
            <RunErrors trace={trace} labelOf={labelOf} />
            <AuditChainDetails runId={runId} />
            {selectedId ? (
              <NodeRunDetails nodeId={selectedId} node={trace.nodes[selectedId]} label={labelOf(selectedId)} />
            ) : (
              <p className="muted">{t('editor.selectNode')}</p>
            )}
            <h2>{rt('history')}</h2>
            <ol className="events" data-testid="run-history">
              {detail.events.map((e) => (
                <li key={e.seq} data-type={e.type}>
                  {eventLabel(e.type)} {e.nodeId && <strong>{labelOf(e.nodeId)}</strong>}{' '}
                  <span className="muted">{dates.time(e.at)}</span>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      </div>
    </FlowStoreContext.Provider>
  );
}
