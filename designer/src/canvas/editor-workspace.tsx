import { lazy, Suspense, useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Problem } from '@ledgerflow/flow-model';
import type { FlowRecord } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { useCatalog, useFlow, useFlowApi } from './editor-context.ts';
import { useAutosave, useValidation } from './use-editor-effects.ts';
import { FlowCanvas, addNodeAtCentre } from './flow-canvas.tsx';
import { useFitAll } from './use-fit-all.ts';
import { Palette } from './palette.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { ProblemList, type ProblemTarget } from './problem-list.tsx';
import { focusField, useProblemNaming } from './problem-naming.ts';
import { autoLayout } from './auto-layout.ts';
import { DEFAULT_SAMPLE, useSampleData } from '../panels/sample-data.ts';

// Side panels load on first open: the canvas is interactive before forms and schema tooling arrive.
const PropertyPanel = lazy(() => import('../panels/property-panel.tsx').then((m) => ({ default: m.PropertyPanel })));
const VersionPanel = lazy(() => import('../panels/version-panel.tsx').then((m) => ({ default: m.VersionPanel })));
const MigratePanel = lazy(() => import('../panels/migrate-panel.tsx').then((m) => ({ default: m.MigratePanel })));
const TestRunPanel = lazy(() => import('../run/test-run-panel.tsx').then((m) => ({ default: m.TestRunPanel })));

type Tab = 'properties' | 'problems' | 'versions' | 'test';

/**
 * True once the canvas has measured and painted its nodes. Panels and validation wait for it because
 * their chunks (validator, holiday calendars, forms) would otherwise compete with the first paint.
 */
function useAfterFirstPaint(): boolean {
  // Measured means rendered; an empty flow has nothing to render.
  const painted = useFlow((s) => s.nodes.length === 0 || s.nodes.some((n) => n.measured));
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return;
    if (!painted) {
      const fallback = setTimeout(() => setReady(true), 2000);
      return () => clearTimeout(fallback);
    }
    const id = requestAnimationFrame(() => setTimeout(() => setReady(true), 0));
    return () => cancelAnimationFrame(id);
  }, [painted, ready]);
  return ready;
}

export function EditorWorkspace({
  record,
  onRecordChange,
}: {
  record: FlowRecord;
  onRecordChange: (r: FlowRecord) => void;
}) {
  const t = useT();
  const store = useFlowApi();
  const catalog = useCatalog();
  const rf = useReactFlow();
  const fitAll = useFitAll();
  const [tab, setTab] = useState<Tab>('properties');
  const [importProblems, setImportProblems] = useState<Problem[]>([]);
  const [taken, setTaken] = useState<ReadonlySet<string>>(new Set());
  const problems = useFlow((s) => s.problems);
  const naming = useProblemNaming();
  const validated = useFlow((s) => s.validatedRevision === s.revision);
  const ready = useAfterFirstPaint();
  useValidation(store, catalog, ready);
  const saveState = useAutosave(store, record.id);

  // Previews use this flow's saved sample: on opening (never the previous flow's) and after undo or an import.
  const savedSample = useFlow((s) => s.meta.designer?.sampleData);
  useEffect(() => {
    const current = useSampleData.getState();
    if (current.error || JSON.stringify(current.sample) !== JSON.stringify(savedSample ?? DEFAULT_SAMPLE))
      current.load(savedSample);
  }, [savedSample, record.id]);

  // Flows imported without positions are laid out once, as soon as they open.
  useEffect(() => {
    const s = store.getState();
    if (record.draft.nodes.some((n) => !n.position)) {
      void autoLayout(s.nodes, s.edges).then((p) => {
        store.setState({ nodes: store.getState().nodes.map((n) => (p[n.id] ? { ...n, position: p[n.id]! } : n)) });
        void fitAll(0);
      });
    }
  }, [record.draft, store, fitAll]);

  const selectProblemNode = ({ nodeId, edgeId, focus }: ProblemTarget) => {
    const s = store.getState();
    if (nodeId) {
      s.selectOnly(nodeId);
      const n = s.nodes.find((x) => x.id === nodeId);
      if (n) void rf.setCenter(n.position.x + 100, n.position.y + 40, { zoom: 1, duration: 200 });
      setTab('properties');
      focusField(focus);
      return;
    }
    // An edge problem (dangling, wrong handle): select the edge and show the middle of its two ends.
    const edge = s.edges.find((e) => e.id === edgeId);
    store.setState({
      nodes: s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
      edges: s.edges.map((e) => ({ ...e, selected: e.id === edgeId })),
    });
    const ends = s.nodes.filter((n) => n.id === edge?.source || n.id === edge?.target);
    if (ends.length)
      void rf.setCenter(
        ends.reduce((x, n) => x + n.position.x, 0) / ends.length + 100,
        ends.reduce((y, n) => y + n.position.y, 0) / ends.length + 40,
        { zoom: 1, duration: 200 },
      );
  };

  const tabs: { id: Tab; label: string }[] = [
    { id: 'properties', label: t('editor.properties') },
    { id: 'problems', label: `${t('editor.problems')} (${validated ? problems.length : '…'})` },
    { id: 'versions', label: t('editor.versions') },
    { id: 'test', label: t('editor.testRun') },
  ];

  return (
    <div className="editor">
      <EditorToolbar
        record={record}
        onRecordChange={onRecordChange}
        saveState={saveState}
        onImportProblems={setImportProblems}
      />
      {importProblems.length > 0 && (
        <div role="alert" className="panel import-problems">
          <p>{t('editor.importRefused')}</p>
          <ProblemList problems={importProblems} />
          <button type="button" onClick={() => setImportProblems([])}>
            {t('common.close')}
          </button>
        </div>
      )}
      <div className="editor-body">
        <Palette onAdd={addNodeAtCentre} />
        <FlowCanvas highlightedEdges={taken} />
        <aside className="side" aria-label={t('editor.properties')}>
          <div role="tablist" className="tabs">
            {tabs.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                id={`tab-${x.id}`}
                aria-selected={tab === x.id}
                aria-controls={`panel-${x.id}`}
                onClick={() => setTab(x.id)}
              >
                {x.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
            <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
              {!ready && <p role="status">{t('common.loading')}</p>}
              {ready && tab === 'properties' && <PropertyPanel />}
              {tab === 'problems' &&
                (problems.length ? (
                  <ProblemList
                    problems={problems}
                    onSelect={selectProblemNode}
                    named={{ def: store.getState().toDefinition(), naming }}
                  />
                ) : (
                  <p>{t('editor.noProblems')}</p>
                ))}
              {tab === 'versions' && <VersionPanel record={record} onRecordChange={onRecordChange} />}
              {tab === 'versions' && <MigratePanel record={record} />}
              {tab === 'test' && <TestRunPanel flowId={record.id} onPath={setTaken} />}
            </Suspense>
          </div>
        </aside>
      </div>
    </div>
  );
}
