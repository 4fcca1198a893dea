import { RUN_STATUSES } from '@ledgerflow/flow-model';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useAsync } from '../shell/use-async.ts';
import { useT } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';

export function RunsPage() {
  const t = useT();
  const labels = useStatusLabels();
  const [filter, setFilter] = useState({ flowId: '', status: '', businessKey: '' });
  const [applied, setApplied] = useState(filter);
  const runs = useAsync(() => api.listRuns(applied), [applied]);
  return (
    <section className="page">
      <h1>{t('runs.title')}</h1>
      <form className="row" onSubmit={(e) => (e.preventDefault(), setApplied(filter))}>
        <label>
          {t('runs.filterFlow')}
          <input value={filter.flowId} onChange={(e) => setFilter({ ...filter, flowId: e.target.value })} />
        </label>
        <label>
          {t('runs.filterStatus')}
          <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
            <option value="">—</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.s(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runs.filterKey')}
          <input value={filter.businessKey} onChange={(e) => setFilter({ ...filter, businessKey: e.target.value })} />
        </label>
        <button type="submit">OK</button>
      </form>
      {runs.loading && <p role="status">{t('common.loading')}</p>}
      {runs.error && (
        <p role="alert" className="error">
          {runs.error.message}
        </p>
      )}
      {runs.data && runs.data.items.length === 0 && <p>{t('runs.empty')}</p>}
      {runs.data && runs.data.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('runs.run')}</th>
              <th scope="col">{t('runs.filterFlow')}</th>
              <th scope="col">{t('runs.filterKey')}</th>
              <th scope="col">{t('run.status')}</th>
              <th scope="col">{t('run.currentNodes')}</th>
              <th scope="col">{t('runs.started')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((r) => (
              <tr key={r.runId}>
                <td>
                  <a href={`#/runs/${encodeURIComponent(r.runId)}`}>{r.runId}</a>
                </td>
                <td>
                  {r.flowId} · {r.version ? `v${r.version}` : t('run.draft')}
                </td>
                <td>{r.businessKey}</td>
                <td>
                  <span className={`status ${r.status}`}>{labels.s(r.status)}</span>
                </td>
                <td>{r.currentNodes.join(', ')}</td>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.data && <p className="muted">{runs.data.total}</p>}
    </section>
  );
}
