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
import { RunInputForm, runInputFields } from './run-input-form.tsx';
import { useRunInputT } from './run-input-i18n.ts';

/** Runs the current draft and paints the path taken; selecting a node shows its inputs, outputs and rule trace. */
export function TestRunPanel({ flowId, onPath }: { flowId: string; onPath: (edges: ReadonlySet<string>) => void }) {
  const t = useT();
  const tr = useRunInputT();
  const labels = useStatusLabels();
  const colon = useColon();
  const store = useFlowApi();
  const sample = useSampleData((s) => s.sample);
  const variables = useFlow((s) => s.meta.variables);
  const currency = useFlow((s) => s.meta.settings?.currency) ?? 'EUR';
  const fields = useMemo(() => runInputFields(variables, sample), [variables, sample]);
  // Starts from the flow's sample, kept to the fields the form shows (a sample key the flow does not declare
  // would be sent without the user seeing it).
  const [input, setInput] = useState<Record<string, unknown> | null>(() =>
    Object.fromEntries(fields.filter((f) => f.name in sample).map((f) => [f.name, sample[f.name]])),
  );
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
    if (!input) return setError(tr('jsonInvalid'));
    try {
      await api.saveDraft(flowId, store.getState().toDefinition());
      const r = await api.testRun(flowId, input, businessKey || undefined);
      setRunId(r.runId);
    } catch (e) {
      // The server says what is wrong with the input, field by field: show that, not only its count.
      setRefused(e);
    }
  };
  const temporal = safeHttpUrl(detail?.run.temporalUrl);

  return (
    <div className="test-run">
      <RunInputForm fields={fields} value={input ?? {}} currency={currency} onChange={setInput} />
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
