// The flow's cases under its charts: the late ones first (what a manager chases), or the open, closed or all of them,
// found by business key, sorted by any column, exported with the same filters by the server.
import { useState } from 'react';
import { useLang } from '../../i18n/i18n.ts';
import { useDateFormat } from '../../i18n/format-date.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { SortHeaderRow, sortRows, useSort } from '../../shell/sort-header.tsx';
import { dashboardsApi, type CaseFilters, type CaseItem } from './dashboards-api.ts';
import { useDashboardsT, useNumber } from './dashboards-i18n.ts';

const SHOWS = ['late', 'open', 'closed', 'all'] as const;
type Show = (typeof SHOWS)[number];
const FILTERS: Record<Show, CaseFilters> = {
  late: { status: 'open', late: true },
  open: { status: 'open' },
  closed: { status: 'closed' },
  all: {},
};

type CaseSort = 'businessKey' | 'status' | 'runStatus' | 'firstSeenAt' | 'lastSeenAt' | 'updates';
const COLUMNS: Array<[CaseSort, 'businessKey' | 'caseStatus' | 'runStatus' | 'firstSeen' | 'lastSeen' | 'updates']> = [
  ['businessKey', 'businessKey'],
  ['status', 'caseStatus'],
  ['runStatus', 'runStatus'],
  ['firstSeenAt', 'firstSeen'],
  ['lastSeenAt', 'lastSeen'],
  ['updates', 'updates'],
];

export function LateCasesList({ flowId, refreshedAt }: { flowId: string; refreshedAt: number }) {
  const t = useDashboardsT();
  const fmt = useNumber();
  const lang = useLang((s) => s.lang);
  const dates = useDateFormat();
  const [show, setShow] = useState<Show>('late');
  const [q, setQ] = useState('');
  const filters: CaseFilters = { ...FILTERS[show], q: q.trim() || undefined };
  // At most 500 cases: the page sorts them itself, without a reload.
  const sorting = useSort<CaseSort>();
  const { sort, order } = sorting;
  const list = useAsync(() => dashboardsApi.cases(flowId, filters), [flowId, show, q, refreshedAt]);
  const sortValue = (c: CaseItem) => (sort === 'status' ? (c.late ? 'late' : c.status) : c[sort!]);
  return (
    <section aria-labelledby="late-cases">
      <h3 id="late-cases">{t(`show_${show}`)}</h3>
      <div className="row">
        <label>
          {t('casesShow')}{' '}
          <select value={show} onChange={(e) => setShow(e.target.value as Show)} data-testid="cases-show">
            {SHOWS.map((s) => (
              <option key={s} value={s}>
                {t(`show_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('searchKey')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      <ExportLinks
        href={(format) => exportHref(`/api/flows/${encodeURIComponent(flowId)}/cases/export`, format, filters)}
        testId="cases-export"
      />
      <ListState
        state={list}
        isEmpty={(d) => d.items.length === 0}
        empty={show === 'late' && !q.trim() ? t('noLate') : t('noCases')}
      >
        {(d) => (
          <table className="list" data-testid="late-cases">
            <SortHeaderRow columns={COLUMNS.map(([s, k]) => [s, t(k)] as const)} {...sorting} />
            <tbody>
              {sortRows(d.items, sort && sortValue, order, lang).map((c) => (
                <tr key={c.businessKey}>
                  <th scope="row">
                    {c.runId ? <a href={`#/runs/${encodeURIComponent(c.runId)}`}>{c.businessKey}</a> : c.businessKey}
                  </th>
                  <td className={c.late ? 'bad' : undefined}>{t(c.late ? 'c_late' : `c_${c.status}`)}</td>
                  <td>
                    {c.runStatus ? (
                      <span className={`status ${c.runStatus}`}>{t(`s_${c.runStatus}`)}</span>
                    ) : (
                      t('noRun')
                    )}
                  </td>
                  <td>
                    <time dateTime={c.firstSeenAt}>{dates.instant(c.firstSeenAt)}</time>
                  </td>
                  <td>
                    <time dateTime={c.lastSeenAt}>{dates.instant(c.lastSeenAt)}</time>
                  </td>
                  <td className="num">{fmt(c.updates)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
