// #/dashboards?flow=<id>: KPI tiles, runs by status, open cases by age, the late cases (late-cases-list.tsx) and
// "Extract now" for one flow (record-feed flows first), plus the overdue tasks across the inbox.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { navigate, useRoute } from '../../shell/router.ts';
import { useAsync } from '../../shell/use-async.ts';
import { FeedProgress } from './feed-progress.tsx';
import { FeedFilesPanel } from './feed-files-panel.tsx';
import { BreakdownChart } from './breakdown-chart.tsx';
import { ReceivablesPanel } from './receivables-panel.tsx';
import { LedgerKpisPanel } from './ledger-kpis-panel.tsx';
import { LateCasesList } from './late-cases-list.tsx';
import { StackedBar, StackedColumns } from './charts.tsx';
import { RUN_STATUSES } from '@ledgerflow/flow-model';
import { ageBuckets, dashboardsApi, isRecordFeed, type FlowItem, type SyncResult } from './dashboards-api.ts';
import { useDashboardsT, useNumber } from './dashboards-i18n.ts';
import './dashboards.css';
import { Colon } from '../../i18n/colon.tsx';

const STATUS_COLORS: Record<string, string> = {
  running: '#1f4fb8',
  waiting: '#6b8fd6',
  needs_attention: '#b35c00',
  completed: '#1e6b34',
  failed: '#a4161a',
  cancelled: '#6b7280',
};
const LATE = '#a4161a';
const ON_TIME = '#1f4fb8';

/** All flows with whether each starts from a record feed; record-feed flows first, then by name. */
async function loadFlows(): Promise<Array<FlowItem & { feed: boolean }>> {
  const { items } = await dashboardsApi.flows();
  const out: Array<FlowItem & { feed: boolean }> = [];
  // A few at a time: each needs the flow's definition.
  for (let i = 0; i < items.length; i += 8) {
    const chunk = await Promise.all(
      items
        .slice(i, i + 8)
        .map(async (f) => ({ ...f, feed: isRecordFeed((await dashboardsApi.flow(f.id).catch(() => null))?.draft) })),
    );
    out.push(...chunk);
  }
  return out.sort((a, b) => Number(b.feed) - Number(a.feed) || a.name.localeCompare(b.name));
}

export function DashboardsView() {
  const t = useDashboardsT();
  const route = useRoute();
  const flowId = new URLSearchParams(route.split('?')[1] ?? '').get('flow') ?? '';
  const flows = useAsync(loadFlows, []);
  const counts = useAsync(() => dashboardsApi.taskCounts(), []);
  const fmt = useNumber();
  const feedFlows = flows.data?.filter((f) => f.feed) ?? [];
  const others = flows.data?.filter((f) => !f.feed) ?? [];
  const chosen = flows.data?.find((f) => f.id === flowId);

  return (
    <section className="page dashboards">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <div className="tiles">
        <a className="tile tile-link" href="#/inbox" data-testid="tile-overdue">
          <span className="tile-label">{t('overdueTasks')}</span>
          <span className={`tile-value${counts.data?.overdue ? ' bad' : ''}`}>
            {counts.data ? fmt(counts.data.overdue) : counts.error ? '—' : '…'}
          </span>
          <span className="tile-hint">
            {counts.error ? counts.error.message : `${t('overdueHint')} · ${t('toInbox')} →`}
          </span>
        </a>
      </div>
      <div className="row">
        <label>
          {t('flow')}
          <select
            value={flowId}
            onChange={(e) =>
              navigate(e.target.value ? `/dashboards?flow=${encodeURIComponent(e.target.value)}` : '/dashboards')
            }
            data-testid="flow-picker"
            disabled={!flows.data}
          >
            <option value="">{t('pickFlow')}</option>
            {feedFlows.length > 0 && (
              <optgroup label={t('recordFeeds')}>
                {feedFlows.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                    {f.activeVersion ? '' : ` (${t('notPublished')})`}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label={t('otherFlows')}>
                {others.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                    {f.activeVersion ? '' : ` (${t('notPublished')})`}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
      </div>
      {flows.loading && !flows.data && <p role="status">{t('loading')}</p>}
      {flows.error && (
        <p role="alert" className="error">
          {flows.error.message}{' '}
          <button type="button" onClick={flows.reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {flows.data && flows.data.length === 0 && <p>{t('noFlows')}</p>}
      {chosen && <FlowDashboard key={chosen.id} flow={chosen} />}
      <LedgerKpisPanel />
    </section>
  );
}

function FlowDashboard({ flow }: { flow: FlowItem & { feed: boolean } }) {
  const t = useDashboardsT();
  const fmt = useNumber();
  const lang = useLang((s) => s.lang);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const load = useCallback(async () => {
    const [open, runs, def] = await Promise.all([
      flow.feed ? dashboardsApi.cases(flow.id, { status: 'open' }) : Promise.resolve(null),
      Promise.all(RUN_STATUSES.map(async (s) => [s, await dashboardsApi.runTotal(flow.id, s)] as const)),
      dashboardsApi
        .flow(flow.id)
        .then((f) => f.draft)
        .catch(() => undefined),
    ]);
    return { open, runs: Object.fromEntries(runs) as Record<string, number>, definition: def, at: new Date() };
  }, [flow.id, flow.feed]);
  const data = useAsync(load, [load]);
  const [syncing, setSyncing] = useState(false);
  const [sync, setSync] = useState<SyncResult | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const extract = async () => {
    setSyncing(true);
    setSync(null);
    setSyncError(null);
    try {
      setSync(await dashboardsApi.sync(flow.id));
      data.reload();
      // Runs start on the worker: look again shortly for their statuses.
      timer.current = setTimeout(data.reload, 2000);
    } catch (err) {
      setSyncError(
        err instanceof ApiError &&
          err.status === 403 &&
          (err.details as { reason?: string } | undefined)?.reason !== 'CSRF'
          ? t('forbiddenSync')
          : (err as Error).message,
      );
    } finally {
      setSyncing(false);
    }
  };

  const d = data.data;
  const counts = d?.open?.counts;
  const totalRuns = d ? Object.values(d.runs).reduce((a, b) => a + b, 0) : 0;
  const buckets = d?.open ? ageBuckets(d.open.items) : [];
  const bucketLabel = (k: string) => (k === '>30' ? t('moreThan', { n: fmt(30) }) : k.replace('-', '–'));

  return (
    <div className="flow-dashboard" aria-busy={data.loading}>
      <div className="page-head">
        <h2>{flow.name}</h2>
        {d && (
          <span className="muted" role="status">
            {t('updatedAt', { time: d.at.toLocaleTimeString(locale) })}
          </span>
        )}
        <button type="button" onClick={data.reload} disabled={data.loading}>
          {t('refresh')}
        </button>
        {flow.feed && (
          <button
            type="button"
            className="primary"
            onClick={() => void extract()}
            disabled={syncing || !flow.activeVersion}
            title={t('extractHint')}
          >
            {syncing ? t('extracting') : t('extract')}
          </button>
        )}
      </div>
      {flow.feed && <FeedProgress flowId={flow.id} active={syncing} />}
      {flow.feed && <FeedFilesPanel flowId={flow.id} onExtracted={data.reload} />}
      {syncError && (
        <p role="alert" className="error">
          {syncError}
        </p>
      )}
      {sync && (
        <div className="card sync-result" role="status" data-testid="sync-result">
          <p>{t('syncResult', { polled: fmt(sync.polled) })}</p>
          <ul className="inline">
            <li>
              {t('started')}
              <Colon />
              <strong>{fmt(sync.started)}</strong>
            </li>
            <li>
              {t('updated')}
              <Colon />
              <strong>{fmt(sync.updated)}</strong>
            </li>
            <li>
              {t('unchanged')}
              <Colon />
              <strong>{fmt(sync.unchanged)}</strong>
            </li>
            <li>
              {t('ignored')}
              <Colon />
              <strong>{fmt(sync.ignored)}</strong>
            </li>
            {sync.reopened > 0 && (
              <li>
                {t('reopened')}
                <Colon />
                <strong>{fmt(sync.reopened)}</strong>
              </li>
            )}
            <li className={sync.failed.length ? 'error' : undefined}>
              {t('failedN')}
              <Colon />
              <strong>{fmt(sync.failed.length)}</strong>
            </li>
          </ul>
          {sync.failed.length > 0 && (
            <details open>
              <summary>{t('failedKeys')}</summary>
              <ul>
                {sync.failed.map((f) => (
                  <li key={f.key}>
                    <code>{f.key}</code>: {f.error}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {data.loading && !d && <p role="status">{t('loading')}</p>}
      {data.error && (
        <p role="alert" className="error">
          {data.error.message}{' '}
          <button type="button" onClick={data.reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {!flow.feed && <p className="muted">{t('notFeed')}</p>}
      {d && (
        <>
          {counts && (
            <div className="tiles" data-testid="kpis">
              <div className="tile" data-testid="kpi-open">
                <span className="tile-label">{t('open')}</span>
                <span className="tile-value">{fmt(counts.open)}</span>
              </div>
              <div className="tile" data-testid="kpi-late">
                <span className="tile-label">{t('late')}</span>
                <span className={`tile-value${counts.late ? ' bad' : ''}`}>{fmt(counts.late)}</span>
              </div>
              <div className="tile" data-testid="kpi-closed">
                <span className="tile-label">{t('closed')}</span>
                <span className="tile-value">{fmt(counts.closed)}</span>
              </div>
            </div>
          )}
          <div className="charts">
            <section className="card" aria-labelledby="runs-by-status">
              <h3 id="runs-by-status">{t('runsByStatus')}</h3>
              {totalRuns === 0 ? (
                <p>{t('noRuns')}</p>
              ) : (
                <>
                  <p className="muted">{t('runsTotal', { n: fmt(totalRuns) })}</p>
                  <StackedBar
                    title={t('runsByStatus')}
                    format={fmt}
                    caption={t('tableCaption')}
                    headers={[t('status'), t('runs'), t('share')]}
                    segments={RUN_STATUSES.map((s) => ({
                      key: s,
                      label: t(`s_${s}`),
                      value: d.runs[s] ?? 0,
                      color: STATUS_COLORS[s]!,
                    }))}
                  />
                </>
              )}
            </section>
            {d.open && (
              <section className="card" aria-labelledby="cases-by-age">
                <h3 id="cases-by-age">{t('casesByAge')}</h3>
                {d.open.items.length === 0 ? (
                  <p>{t('noOpen')}</p>
                ) : (
                  <StackedColumns
                    title={t('casesByAge')}
                    format={fmt}
                    caption={t('tableCaption')}
                    xAxis={t('ageAxis')}
                    yAxis={t('casesAxis')}
                    totalLabel={t('total')}
                    series={[
                      { label: t('onTime'), color: ON_TIME },
                      { label: t('lateCases'), color: LATE },
                    ]}
                    groups={buckets.map((b) => ({ key: b.key, label: bucketLabel(b.key), values: [b.onTime, b.late] }))}
                  />
                )}
              </section>
            )}
            {totalRuns > 0 && (
              <BreakdownChart flowId={flow.id} definition={d.definition} refreshedAt={d.at.getTime()} />
            )}
          </div>
          {flow.feed && <ReceivablesPanel flowId={flow.id} refreshedAt={d.at.getTime()} />}
          {flow.feed && <LateCasesList flowId={flow.id} refreshedAt={d.at.getTime()} />}
        </>
      )}
    </div>
  );
}
