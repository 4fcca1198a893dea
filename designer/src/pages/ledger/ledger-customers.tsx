// #/ledger: every customer of the ledger with its open and overdue balance per currency (money through the one
// money formatter), searched, sorted and paged on the server, exported with the same filters as CSV or XLSX.
import { useState } from 'react';
import { formatMoney } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { companyParam, ledgerApi, ledgerExportUrl, type LedgerCustomer, type LedgerFilters } from './ledger-api.ts';
import { useLedgerDates, useLedgerT, type LedgerKey } from './ledger-i18n.ts';
import { LedgerTabs } from './ledger-tabs.tsx';

const PAGE = 50;
type Sort = NonNullable<LedgerFilters['sort']>;

export function errorText(err: Error, t: (k: LedgerKey) => string): string {
  return err instanceof ApiError && err.status === 403 ? t('forbidden') : err.message;
}

/** "1 234,50 € · 12,00 $" per currency; the overdue column shows only the currencies with something overdue. */
export function Balances({ c, field }: { c: Pick<LedgerCustomer, 'balances'>; field: 'open' | 'overdue' }) {
  const lang = useLang((s) => s.lang);
  const shown = c.balances.filter((b) => field === 'open' || Number(b.overdue) !== 0);
  return <>{shown.length ? shown.map((b) => formatMoney(b[field], b.currency, lang)).join(' · ') : '—'}</>;
}

export function LedgerCustomersList() {
  const t = useLedgerT();
  const dates = useLedgerDates();
  const [q, setQ] = useState('');
  const [withOpen, setWithOpen] = useState(true);
  const [sort, setSort] = useState<Sort>('customerId');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [offset, setOffset] = useState(0);
  const filters: LedgerFilters = { q: q.trim() || undefined, withOpen, sort, order };
  const list = useAsync(() => ledgerApi.customers(filters, PAGE, offset), [q, withOpen, sort, order, offset]);
  const sortBy = (s: Sort) => {
    setOrder(s === sort && order === 'asc' ? 'desc' : 'asc');
    setSort(s);
    setOffset(0);
  };
  const header = (s: Sort, key: LedgerKey) => (
    <th scope="col" aria-sort={sort === s ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="link" onClick={() => sortBy(s)}>
        {t(key)}
      </button>
    </th>
  );
  const total = list.data?.total ?? 0;
  return (
    <section className="page ledger" aria-labelledby="ledger-title">
      <h1 id="ledger-title">{t('title')}</h1>
      <LedgerTabs current="customers" />
      <p>
        <label>
          {t('search')}{' '}
          <input
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>{' '}
        <label>
          <input type="checkbox" checked={withOpen} onChange={(e) => setWithOpen(e.target.checked)} /> {t('withOpen')}
        </label>{' '}
        <a href={ledgerExportUrl('csv', filters)} download>
          {t('exportCsv')}
        </a>{' '}
        <a href={ledgerExportUrl('xlsx', filters)} download>
          {t('exportXlsx')}
        </a>
      </p>
      {list.error && (
        <p role="alert" className="error">
          {errorText(list.error, t)}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {list.loading && !list.data && <p role="status">{t('loading')}</p>}
      {list.data && list.data.items.length === 0 && <p>{t('none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="list" data-testid="ledger-customers">
          <thead>
            <tr>
              {header('customerId', 'customer')}
              {header('name', 'name')}
              {header('segment', 'segment')}
              <th scope="col">{t('open')}</th>
              <th scope="col">{t('overdue')}</th>
              <th scope="col">{t('dunning')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={`${c.company}/${c.customerId}`}>
                <th scope="row">
                  <a
                    href={`#/ledger/${encodeURIComponent(companyParam(c.company))}/${encodeURIComponent(c.customerId)}`}
                  >
                    {c.customerId}
                  </a>
                </th>
                <td>{c.name ?? ''}</td>
                <td>{c.segment ?? ''}</td>
                <td className="num">
                  <Balances c={c} field="open" />
                </td>
                <td className="num bad">
                  <Balances c={c} field="overdue" />
                </td>
                <td>
                  {c.excluded && t('excluded')}
                  {c.pausedUntil && `${t('pausedUntil')} ${dates.day(c.pausedUntil)}`}
                  {!c.excluded && !c.pausedUntil && c.dunningLevel !== null && `${c.dunningLevel}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <p>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('previous')}
          </button>{' '}
          {offset + 1}–{Math.min(offset + PAGE, total)} / {total}{' '}
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('next')}
          </button>
        </p>
      )}
    </section>
  );
}
