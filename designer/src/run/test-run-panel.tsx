import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { useFlow, useFlowApi } from '../canvas/editor-context.ts';
import { useT } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';
import { useColon } from '../i18n/punctuation.ts';
import { useSampleData } from '../panels/sample-data.ts';
import { traceRun } from './run-trace.ts';
import { traceDecorations } from './run-decorations.ts';
import { useRunPoll } from './use-run-poll.ts';
import { NodeRunDetails, RunErrors, safeHttpUrl } from './node-run-details.tsx';
import { ApiErrorText } from './api-error-text.tsx';

/** Runs the current draft and paints the path taken; selecting a node shows its inputs, outputs and rule trace. */
export function TestRunPanel({ flowId, onPath }: { flowId: string; onPath: (edges: ReadonlySet<string>) => void }) {
  const t = useT();
  const labels = useStatusLabels();
  const colon = useColon();
  const store = useFlowApi();
  const sampleText = useSampleData((s) => s.text);
  const [input, setInput] = useState(sampleText);
  const [businessKey, setBusinessKey] = useState('');
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<unknown>(null);
  const selectedId = useFlow((s) => s.nodes.find((n) => n.selected)?.id);
  const { detail, error: pollError } = useRunPoll(runId);
  const trace = useMemo(() => (detail ? traceRun(detail.events) : null), [detail]);

  useEffect(() => {
    if (!trace) return;
    store.getState().setDecorations(traceDecorations(trace));
    onPath(new Set(trace.path));
  }, [trace, store, onPath]);
  useEffect(
    () => () => {
      store.getState().setDecorations({});
      onPath(new Set());
    },
    [store, onPath],
  );

  const start = async () => {
    setError(null);
    setRefused(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('Input must be a JSON object');
    } catch (e) {
      return setError((e as Error).message);
    }
    try {
      await api.saveDraft(flowId, store.getState().toDefinition());
      const r = await api.testRun(flowId, parsed as Record<string, unknown>, businessKey || undefined);
      setRunId(r.runId);
    } catch (e) {
      // The server says what is wrong with the input, field by field: show that, not only its count.
      setRefused(e);
    }
  };
  const temporal = safeHttpUrl(detail?.run.temporalUrl);

  return (
    <div className="test-run">
      <div className="field">
        <label htmlFor="run-input">{t('run.input')}</label>
        <textarea id="run-input" className="mono" rows={8} value={input} onChange={(e) => setInput(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="run-key">{t('runs.filterKey')}</label>
        <input id="run-key" value={businessKey} onChange={(e) => setBusinessKey(e.target.value)} />
      </div>
      <button type="button" className="primary" onClick={() => void start()}>
        {t('run.start')}
      </button>
      {refused !== null && <ApiErrorText error={refused} />}
      {(error ?? pollError) && (
        <p role="alert" className="error">
          {error ?? pollError}
        </p>
      )}
      {detail && trace && (
        <div aria-live="polite">
          <p>
            {t('run.status')}
            {colon}
            <strong>{labels.s(detail.run.status)}</strong> ·{' '}
            <a href={`#/runs/${encodeURIComponent(detail.run.runId)}`}>{detail.run.runId}</a>
          </p>
          {temporal && (
            <p>
              <a href={temporal} target="_blank" rel="noreferrer noopener">
                {t('run.temporal')}
              </a>
            </p>
          )}
          <RunErrors trace={trace} />
          {selectedId ? (
            <NodeRunDetails nodeId={selectedId} node={trace.nodes[selectedId]} />
          ) : (
            <p className="muted">{t('editor.selectNode')}</p>
          )}
        </div>
      )}
    </div>
  );
}
