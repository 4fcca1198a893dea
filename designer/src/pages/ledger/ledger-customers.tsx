// #/ledger: every customer of the ledger with its open and overdue balance per currency (money through the one
// money formatter), searched, sorted and paged on the server, exported with the same filters as CSV or XLSX.
import { useState } from 'react';
import { formatMoney } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { ExportLinks } from '../../shell/export-links.tsx';
import { SortHeader } from '../../shell/sort-header.tsx';
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
  const sortBy = (s: Sort, o: 'asc' | 'desc') => {
    setOrder(o);
    setSort(s);
    setOffset(0);
  };
  const header = (s: Sort, key: LedgerKey) => (
    <SortHeader column={s} label={t(key)} sort={sort} order={order} onSort={sortBy} />
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
        </label>
      </p>
      <ExportLinks href={(format) => ledgerExportUrl(format, filters)} testId="ledger-export" />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('none')} forbidden={t('forbidden')}>
        {(data) => (
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
              {data.items.map((c) => (
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
      </ListState>
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
