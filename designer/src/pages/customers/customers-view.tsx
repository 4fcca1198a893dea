// #/customers and #/customers/<name>: the customers collections work on, and one customer's 360 —
// open work and amounts, then every task, decision, comment and email on one timeline. All text from
// data is rendered as text (React escapes it); nothing is inserted as HTML.
import { useState } from 'react';
import { formatMoney } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { SortHeaderRow, sortRows, useSort } from '../../shell/sort-header.tsx';
import { customersApi, type TimelineKind } from './customers-api.ts';
import { useCustomersT } from './customers-i18n.ts';
import { CustomerCases } from '../audit/customer-cases.tsx';
import './customers.css';

const KIND_KEY: Record<TimelineKind, 'k_task_created' | 'k_task_decided' | 'k_task_history' | 'k_comment' | 'k_email'> =
  {
    'task.created': 'k_task_created',
    'task.decided': 'k_task_decided',
    'task.history': 'k_task_history',
    comment: 'k_comment',
    email: 'k_email',
  };

function useDate() {
  const lang = useLang((s) => s.lang);
  const f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (iso: string) => f.format(new Date(iso));
}

function errorText(err: Error, t: ReturnType<typeof useCustomersT>): string {
  return err instanceof ApiError && err.status === 403 ? t('forbidden') : err.message;
}

type CustomerSort = 'customer' | 'open' | 'overdue' | 'tasks' | 'lastActivityAt';
const COLUMNS: Array<{ sort: CustomerSort; key: 'customer' | 'open' | 'overdue' | 'tasks' | 'lastActivity' }> = [
  { sort: 'customer', key: 'customer' },
  { sort: 'open', key: 'open' },
  { sort: 'overdue', key: 'overdue' },
  { sort: 'tasks', key: 'tasks' },
  { sort: 'lastActivityAt', key: 'lastActivity' },
];

export function CustomersList() {
  const t = useCustomersT();
  const date = useDate();
  const lang = useLang((s) => s.lang);
  const [q, setQ] = useState('');
  // The page holds every customer of its search (at most a few hundred): it sorts them itself, without a reload.
  const { sort, order, onSort } = useSort<CustomerSort>();
  const list = useAsync(() => customersApi.list(q.trim()), [q]);
  return (
    <section className="page customers" aria-labelledby="customers-title">
      <h1 id="customers-title">{t('title')}</h1>
      <label>
        {t('search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ExportLinks
        href={(format) => exportHref('/api/customers/export', format, { q: q.trim() })}
        testId="customers-export"
      />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('none')} forbidden={t('forbidden')}>
        {(data) => (
          <table className="list" data-testid="customers">
            <SortHeaderRow
              columns={COLUMNS.map((c) => [c.sort, t(c.key)] as const)}
              sort={sort}
              order={order}
              onSort={onSort}
            />
            <tbody>
              {sortRows(data.items, sort && ((c) => c[sort]), order, lang).map((c) => (
                <tr key={c.customer}>
                  <th scope="row">
                    <a href={`#/customers/${encodeURIComponent(c.customer)}`}>{c.customer}</a>
                  </th>
                  <td className="num">{c.open}</td>
                  <td className={`num${c.overdue ? ' bad' : ''}`}>{c.overdue}</td>
                  <td className="num">{c.tasks}</td>
                  <td>
                    <time dateTime={c.lastActivityAt}>{date(c.lastActivityAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}

export function CustomerDetail({ customer }: { customer: string }) {
  const t = useCustomersT();
  const lang = useLang((s) => s.lang);
  const date = useDate();
  const data = useAsync(() => customersApi.get(customer), [customer]);
  const c = data.data;
  return (
    <section className="page customers" aria-labelledby="customer-title">
      <p>
        <a href="#/customers">← {t('back')}</a>
      </p>
      <h1 id="customer-title">{customer}</h1>
      {data.error && (
        <p role="alert" className="error">
          {errorText(data.error, t)}{' '}
          <button type="button" onClick={data.reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {data.loading && !c && <p role="status">{t('loading')}</p>}
      {c && (
        <>
          <div className="tiles" data-testid="customer-kpis">
            <div className="tile">
              <span className="tile-label">{t('open')}</span>
              <span className="tile-value">{c.summary.open}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{t('overdue')}</span>
              <span className={`tile-value${c.summary.overdue ? ' bad' : ''}`}>{c.summary.overdue}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{t('openAmount')}</span>
              <span className="tile-value">
                {c.summary.openAmounts.length
                  ? c.summary.openAmounts.map((a) => formatMoney(a.amount, a.currency, lang)).join(' · ')
                  : '—'}
              </span>
            </div>
            <div className="tile">
              <span className="tile-label">{t('emails')}</span>
              <span className="tile-value">{c.summary.emails}</span>
            </div>
          </div>
          <CustomerCases customer={customer} />
          <h2>{t('timeline')}</h2>
          {c.timeline.length === 0 ? (
            <p>{t('noTimeline')}</p>
          ) : (
            <ol className="timeline" data-testid="customer-timeline">
              {c.timeline.map((e, i) => (
                <li key={`${e.at}-${i}`} className={`timeline-${e.kind.replace('.', '-')}`}>
                  <time dateTime={e.at}>{date(e.at)}</time> <strong>{t(KIND_KEY[e.kind])}</strong>
                  {' — '}
                  {e.taskId ? (
                    <a href={`#/inbox/${encodeURIComponent(e.taskId)}`} title={t('openTask')}>
                      {e.title}
                    </a>
                  ) : (
                    e.title
                  )}
                  {e.businessKey && (
                    <>
                      {' '}
                      (<code>{e.businessKey}</code>)
                    </>
                  )}
                  {e.detail && (
                    <>
                      : <span className="detail">{e.detail}</span>
                    </>
                  )}
                  <span className="muted"> · {e.by ?? t('system')}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
