// #/runs: every run the user may read, by flow name, with quick filters (needs attention, waiting, late), the
// filters the home page drills down with (in the address), sortable columns, paging and CSV/XLSX export.
import { RUN_STATUSES } from '@ledgerflow/flow-model';
import { useEffect, useState, type FormEvent } from 'react';
import { navigate, useRoute } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';
import { ListState } from '../shell/list-state.tsx';
import { ExportLinks } from '../shell/export-links.tsx';
import { SortHeader } from '../shell/sort-header.tsx';
import { useStatusLabels } from '../i18n/status-labels.ts';
import {
  exportUrl,
  PAGE_SIZE,
  queryFromRoute,
  queryString,
  runsApi,
  type RunSort,
  type RunsQuery,
} from './runs/runs-api.ts';
import { useRunDates, useRunsT, type RunsKey } from './runs/runs-i18n.ts';
import { useNumber } from './dashboards/dashboards-i18n.ts';
import { DateField } from '../shell/date-field.tsx';

const QUICK: Array<{ key: RunsKey; q: RunsQuery }> = [
  { key: 'all', q: {} },
  { key: 'needsAttention', q: { status: 'needs_attention' } },
  { key: 'waiting', q: { status: 'waiting' } },
  { key: 'late', q: { late: true } },
];
const COLUMNS: Array<{ key: RunsKey; sort?: RunSort }> = [
  { key: 'run' },
  { key: 'flow', sort: 'flow' },
  { key: 'businessKey', sort: 'businessKey' },
  { key: 'status', sort: 'status' },
  { key: 'current' },
  { key: 'started', sort: 'started' },
  { key: 'ended', sort: 'ended' },
];
/** A date input's day as the instant it starts in the user's zone. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayOf = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString('sv-SE') : '');

export function RunsPage() {
  const t = useRunsT();
  const labels = useStatusLabels();
  const dates = useRunDates();
  const num = useNumber();
  const route = useRoute();
  const query = queryFromRoute(route);
  const qs = queryString(query);
  const [draft, setDraft] = useState<RunsQuery>(query);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    setDraft(queryFromRoute(`?${qs}`));
    setOffset(0);
  }, [qs]);
  const runs = useAsync(() => runsApi.list(queryFromRoute(`?${qs}`), offset), [qs, offset]);
  const flows = useAsync(() => runsApi.flows(), []);
  const go = (q: RunsQuery) => navigate(`/runs${queryString(q) ? `?${queryString(q)}` : ''}`);
  const apply = (e: FormEvent) => (e.preventDefault(), go(draft));
  const sortBy = (sort: RunSort, order: 'asc' | 'desc') => go({ ...query, sort, order });
  const quickActive = (q: RunsQuery) =>
    (q.status ?? '') === (query.status ?? '') && Boolean(q.late) === Boolean(query.late);

  return (
    <section className="page list-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <div className="row" role="group" aria-label={t('quick')}>
        {QUICK.map((f) => (
          <button
            key={f.key}
            type="button"
            aria-pressed={quickActive(f.q)}
            onClick={() => go({ ...query, status: undefined, late: undefined, ...f.q })}
          >
            {t(f.key)}
          </button>
        ))}
      </div>
      <form className="row" onSubmit={apply}>
        <label>
          {t('flow')}
          <select
            value={draft.flowId ?? ''}
            onChange={(e) => setDraft({ ...draft, flowId: e.target.value || undefined })}
          >
            <option value="">{t('anyFlow')}</option>
            {flows.data?.items.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select
            value={draft.status ?? ''}
            onChange={(e) => setDraft({ ...draft, status: (e.target.value || undefined) as RunsQuery['status'] })}
          >
            <option value="">{t('anyStatus')}</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.s(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('businessKey')}
          <input
            value={draft.businessKey ?? ''}
            onChange={(e) => setDraft({ ...draft, businessKey: e.target.value || undefined })}
          />
        </label>
        <label>
          {t('from')}
          <DateField value={dayOf(draft.from)} onChange={(d) => setDraft({ ...draft, from: dayStart(d) })} />
        </label>
        <label>
          {t('to')}
          <DateField value={dayOf(draft.to)} onChange={(d) => setDraft({ ...draft, to: dayStart(d) })} />
        </label>
        <button type="submit" className="primary">
          {t('apply')}
        </button>
        <button type="button" onClick={() => go({})}>
          {t('clear')}
        </button>
      </form>
      {(query.task || query.endedFrom) && (
        <p className="drill" data-testid="runs-drill">
          {query.task === 'overdue' && t('taskOverdue')}
          {query.task === 'open' && t('taskOpen')}
          {query.task === 'approved' && t('taskApproved', { date: query.taskFrom ? dates.day(query.taskFrom) : '—' })}
          {query.endedFrom && t('endedSince', { date: dates.day(query.endedFrom) })}
        </p>
      )}
      <ExportLinks href={(format) => exportUrl(format, query)} testId="runs-export" />
      <ListState state={runs} isEmpty={(d) => d.items.length === 0} empty={t('empty')}>
        {(data) => (
          <table className="list" data-testid="runs-table">
            <thead>
              <tr>
                {COLUMNS.map((c) =>
                  c.sort ? (
                    <SortHeader
                      key={c.key}
                      column={c.sort}
                      label={t(c.key)}
                      sort={query.sort ?? 'started'}
                      order={query.order ?? 'desc'}
                      onSort={sortBy}
                    />
                  ) : (
                    <th key={c.key} scope="col">
                      {t(c.key)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.runId}>
                  <td>
                    <a href={`#/runs/${encodeURIComponent(r.runId)}`}>{r.runId.slice(0, 8)}</a>
                  </td>
                  <td>
                    {/* A flow's name is the user's words, whatever the UI's language. */}
                    <span translate="no">{r.flowName ?? t('unknownFlow')}</span> ·{' '}
                    {r.version ? `v${r.version}` : t('draft')}
                    {r.isTest && <span className="muted"> · {t('test')}</span>}
                  </td>
                  <td>{r.businessKey}</td>
                  <td>
                    <span className={`status ${r.status}`}>{labels.s(r.status)}</span>
                  </td>
                  <td>{r.currentLabels.join(', ') || '—'}</td>
                  <td>{dates.instant(r.startedAt)}</td>
                  <td>{dates.instant(r.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListState>
      {runs.data && (
        <div className="row">
          <span className="muted" data-testid="runs-count">
            {t('count', { n: num(runs.data.total) })}
          </span>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('previous')}
          </button>
          <button
            type="button"
            disabled={offset + PAGE_SIZE >= runs.data.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('next')}
          </button>
        </div>
      )}
    </section>
  );
}
