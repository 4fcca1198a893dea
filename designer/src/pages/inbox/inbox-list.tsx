import { useCallback, useEffect, useMemo, useState } from 'react';
import { decimalPattern, TASK_STATUSES } from '@ledgerflow/flow-model';
import { navigate } from '../../shell/router.ts';
import { useSession } from '../../shell/session.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { SortHeader, type SortOrder } from '../../shell/sort-header.tsx';
import { inboxApi, type Assignee, type BulkResult, type TaskFilters } from './inbox-api.ts';
import { formatAmount, useInboxT } from './inbox-i18n.ts';
import { useStatusLabels } from '../../i18n/status-labels.ts';
import { useLiveTasks } from './use-live-tasks.ts';
import { useColon } from '../../i18n/punctuation.ts';
import { typeKey, usePickerT } from '../../panels/assignee-picker-i18n.ts';

// The API keeps task amounts as numeric(20,4): the filter takes what the column can hold.
const AMOUNT_FILTER_PATTERN = decimalPattern({ integerDigits: 16, scale: 4 });

const FILTERS_KEY = 'lf.inbox.filters';
type TaskSort = 'title' | 'businessKey' | 'amount' | 'due' | 'priority';
/** The sort the API uses when none is asked for (and its order): the header shows it as the current one. */
const DEFAULT_ORDER: Record<TaskSort, SortOrder> = {
  title: 'asc',
  businessKey: 'asc',
  amount: 'desc',
  due: 'asc',
  priority: 'desc',
};
const VIEWS_KEY = 'lf.inbox.views';
type SavedView = { name: string; filters: TaskFilters };

function load<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
/** A focused button or link acts on Enter itself (a column header sorts): the shortcut must not open a task instead. */
const activates = (el: EventTarget | null) => el instanceof HTMLElement && ['BUTTON', 'A'].includes(el.tagName);

export function InboxList() {
  const t = useInboxT();
  const colon = useColon();
  const assigneeT = usePickerT();
  const labels = useStatusLabels();
  const lang = useLang((s) => s.lang);
  const user = useSession((s) => s.user);
  const supervisor = !!user?.roles.some((r) => r === 'admin' || r === 'manager' || r === 'process_owner');
  const [draft, setDraft] = useState<TaskFilters>(() => load(FILTERS_KEY, { view: 'groups' }));
  const [filters, setFilters] = useState<TaskFilters>(draft);
  const [views, setViews] = useState<SavedView[]>(() => load(VIEWS_KEY, []));
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<BulkResult | null>(null);
  const [reassignTo, setReassignTo] = useState<{ type: Assignee['type']; value: string; reason: string }>({
    type: 'role',
    value: '',
    reason: '',
  });
  const list = useAsync(() => inboxApi.list(filters), [filters]);
  const counts = useAsync(() => inboxApi.counts(), [filters]);
  const { reload } = list;
  const reloadCounts = counts.reload;
  const live = useLiveTasks(
    useCallback(() => {
      reload();
      reloadCounts();
    }, [reload, reloadCounts]),
  );
  const items = useMemo(() => list.data?.items ?? [], [list.data]);

  const apply = (f: TaskFilters) => {
    setDraft(f);
    setFilters(f);
    setCursor(0);
    setSelected(new Set());
    localStorage.setItem(FILTERS_KEY, JSON.stringify(f));
  };
  const sort = (filters.sort ?? 'due') as TaskSort;
  const order = (filters.order as SortOrder | undefined) ?? DEFAULT_ORDER[sort] ?? 'asc';
  const header = (column: TaskSort, label: string) => (
    <SortHeader
      column={column}
      label={label}
      sort={sort}
      order={order}
      onSort={(s, o) => apply({ ...filters, sort: s, order: o })}
    />
  );
  const saveViews = (v: SavedView[]) => {
    setViews(v);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(v));
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j') setCursor((c) => Math.min(c + 1, Math.max(0, items.length - 1)));
      else if (e.key === 'k') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter' && activates(e.target)) return;
      else if ((e.key === 'Enter' || e.key === 'o') && items[cursor]) navigate(`/inbox/${items[cursor].id}`);
      else if (e.key === 'x' && items[cursor]) toggle(items[cursor].id);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, cursor]);
  useEffect(() => {
    document.querySelector<HTMLElement>(`[data-row="${cursor}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [cursor]);

  const runBulk = async (body: Parameters<typeof inboxApi.bulk>[0]) => {
    try {
      setBulk(await inboxApi.bulk(body));
    } catch (err) {
      setBulk({ results: [{ taskId: '-', ok: false, message: (err as Error).message }], succeeded: 0, failed: 1 });
    }
    setSelected(new Set());
    reload();
    reloadCounts();
  };
  const set = (k: keyof TaskFilters, v: string) => setDraft({ ...draft, [k]: v || undefined });
  const tab = (v: TaskFilters['view'], label: string, n: number | null | undefined) => (
    <button
      type="button"
      role="tab"
      aria-selected={filters.view === v}
      className={filters.view === v ? 'active' : ''}
      onClick={() => apply({ ...draft, view: v })}
    >
      {label}
      {n !== undefined && n !== null ? ` (${n})` : ''}
    </button>
  );

  return (
    <section className="page inbox">
      <div className="page-head row">
        <h1>{t('title')}</h1>
        <span className="muted" aria-live="polite">
          {live ? `● ${t('live')}` : t('offline')}
        </span>
        {counts.data && counts.data.overdue > 0 && (
          <span className="status failed">
            {counts.data.overdue} {t('overdue')}
          </span>
        )}
        <span className="spacer" />
        {supervisor && <a href="#/inbox/outbox">{t('outbox')}</a>}
      </div>
      <div className="tabs" role="tablist">
        {tab('mine', t('mine'), counts.data?.mine)}
        {tab('groups', t('groups'), counts.data?.groups)}
        {supervisor && tab('all', t('all'), counts.data?.all)}
      </div>
      <form className="row filters" onSubmit={(e) => (e.preventDefault(), apply(draft))}>
        <label>
          {t('search')}
          <input type="search" value={draft.q ?? ''} onChange={(e) => set('q', e.target.value)} />
        </label>
        <label>
          {t('status')}
          <select value={draft.status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('active')}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.s(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('due')}
          <select value={draft.due ?? ''} onChange={(e) => set('due', e.target.value)}>
            <option value="">{t('dueAny')}</option>
            <option value="overdue">{t('dueOverdue')}</option>
            <option value="today">{t('dueToday')}</option>
            <option value="week">{t('dueWeek')}</option>
            <option value="none">{t('dueNone')}</option>
          </select>
        </label>
        <label>
          {t('amountMin')}
          <input
            inputMode="decimal"
            pattern={AMOUNT_FILTER_PATTERN}
            size={9}
            value={draft.amountMin ?? ''}
            onChange={(e) => set('amountMin', e.target.value.replace(',', '.'))}
          />
        </label>
        <label>
          {t('amountMax')}
          <input
            inputMode="decimal"
            pattern={AMOUNT_FILTER_PATTERN}
            size={9}
            value={draft.amountMax ?? ''}
            onChange={(e) => set('amountMax', e.target.value.replace(',', '.'))}
          />
        </label>
        <label>
          {t('customer')}
          <input value={draft.customer ?? ''} onChange={(e) => set('customer', e.target.value)} />
        </label>
        <label>
          {t('businessKey')}
          <input value={draft.businessKey ?? ''} onChange={(e) => set('businessKey', e.target.value)} />
        </label>
        <label>
          {t('assignee')}
          <input value={draft.assignee ?? ''} onChange={(e) => set('assignee', e.target.value)} />
        </label>
        <label>
          {t('sort')}
          <select value={draft.sort ?? 'due'} onChange={(e) => set('sort', e.target.value)}>
            <option value="due">{t('sortDue')}</option>
            <option value="created">{t('sortCreated')}</option>
            <option value="amount">{t('sortAmount')}</option>
            <option value="priority">{t('sortPriority')}</option>
            <option value="rank">{t('sortRank')}</option>
            <option value="title">{t('sortTitle')}</option>
          </select>
        </label>
        <button type="submit">{t('apply')}</button>
        <button type="button" onClick={() => apply({ view: filters.view })}>
          {t('reset')}
        </button>
      </form>
      <div className="row saved-views">
        <span>
          {t('savedViews')}
          {colon.trimEnd()}
        </span>
        {views.map((v) => (
          <span key={v.name} className="lf-badge">
            <button type="button" onClick={() => apply(v.filters)}>
              {v.name}
            </button>
            <button
              type="button"
              aria-label={`${t('deleteView')} ${v.name}`}
              onClick={() => saveViews(views.filter((x) => x.name !== v.name))}
            >
              ×
            </button>
          </span>
        ))}
        <button
          type="button"
          onClick={() => {
            const name = window.prompt(t('viewName'))?.trim();
            if (name) saveViews([...views.filter((v) => v.name !== name), { name, filters }]);
          }}
        >
          {t('saveView')}
        </button>
      </div>
      {selected.size > 0 && (
        <div className="row toolbar" role="toolbar" aria-label={t('select')}>
          <strong>{selected.size}</strong>
          <button
            type="button"
            onClick={() => void runBulk({ action: 'complete', taskIds: [...selected], outcome: 'approve' })}
          >
            {t('bulkApprove')}
          </button>
          {supervisor && (
            <>
              <select
                aria-label={t('assigneeType')}
                value={reassignTo.type}
                onChange={(e) => setReassignTo({ ...reassignTo, type: e.target.value as Assignee['type'] })}
              >
                <option value="user">user</option>
                <option value="role">role</option>
                <option value="group">group</option>
              </select>
              <input
                aria-label={t('assigneeValue')}
                placeholder={t('assigneeValue')}
                value={reassignTo.value}
                onChange={(e) => setReassignTo({ ...reassignTo, value: e.target.value })}
              />
              <input
                aria-label={t('reason')}
                placeholder={t('reason')}
                value={reassignTo.reason}
                onChange={(e) => setReassignTo({ ...reassignTo, reason: e.target.value })}
              />
              <button
                type="button"
                disabled={!reassignTo.value || !reassignTo.reason.trim()}
                onClick={() =>
                  void runBulk({
                    action: 'reassign',
                    taskIds: [...selected],
                    assignee: { type: reassignTo.type, value: reassignTo.value },
                    reason: reassignTo.reason,
                  })
                }
              >
                {t('bulkReassign')}
              </button>
            </>
          )}
        </div>
      )}
      {bulk && (
        <div role="status" className="card bulk-result">
          <p>
            {bulk.succeeded} {t('bulkDone')}, {bulk.failed} {t('bulkFailed')}
          </p>
          <ul>
            {bulk.results
              .filter((r) => !r.ok)
              .map((r) => (
                <li key={r.taskId}>
                  {r.taskId.slice(0, 8)}: {r.code} — {r.message}
                </li>
              ))}
          </ul>
        </div>
      )}
      <ExportLinks href={(format) => exportHref('/api/tasks/export', format, filters)} testId="inbox-export" />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('noTasks')}>
        {() => (
          <div className="table-scroll">
            <table className="list inbox-list" aria-describedby="inbox-keys">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('selectAll')}
                      checked={selected.size === items.length}
                      onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
                    />
                  </th>
                  {header('title', t('task'))}
                  {header('businessKey', t('businessKey'))}
                  <th scope="col">{t('customer')}</th>
                  {header('amount', t('amount'))}
                  {header('due', t('due'))}
                  {header('priority', t('priority'))}
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('assignee')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((it, i) => (
                  <tr
                    key={it.id}
                    data-row={i}
                    aria-selected={i === cursor}
                    className={i === cursor ? 'cursor' : undefined}
                    onClick={() => setCursor(i)}
                  >
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('select')} ${it.title}`}
                        checked={selected.has(it.id)}
                        onChange={() => toggle(it.id)}
                      />
                    </td>
                    <td>
                      <a href={`#/inbox/${encodeURIComponent(it.id)}`}>{it.title}</a>
                      {it.escalated ? ' ⚑' : ''}
                    </td>
                    <td>{it.businessKey}</td>
                    <td>{it.customer ?? '—'}</td>
                    <td className="num">
                      {formatAmount(it.amount, it.currency, lang)}
                      {it.amountCompany && it.amountCompany.currency !== it.currency && (
                        <small className="company-amount">
                          {' '}
                          ≈ {formatAmount(it.amountCompany.amount, it.amountCompany.currency, lang)}
                        </small>
                      )}
                      {it.amount !== null && it.amountCompany === null && (
                        <small className="no-rate" title={t('noRateHint')}>
                          {' '}
                          ({t('noRate')})
                        </small>
                      )}
                    </td>
                    <td className={it.overdue ? 'overdue' : undefined}>
                      {it.dueAt ? new Date(it.dueAt).toLocaleDateString(lang) : '—'}
                      {it.overdue ? ` (${t('overdue')})` : ''}
                    </td>
                    <td>{it.priority ? labels.p(it.priority) : '—'}</td>
                    <td>
                      <span className={`status ${it.status}`}>{labels.s(it.status)}</span>
                    </td>
                    <td>
                      {assigneeT(typeKey(it.assignee.type))}
                      {colon}
                      {it.assignee.value}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {list.data?.hasMore && <p className="muted">{t('more')}</p>}
      <p id="inbox-keys" className="muted">
        {t('keys')}
      </p>
    </section>
  );
}
