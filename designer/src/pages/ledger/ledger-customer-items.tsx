// A ledger customer's items and the states they went through: filtered on the server (open or settled, document
// number), sorted by their column headers here (a customer has at most a thousand items), each exported as CSV or XLSX
// with the same filters.
import { formatMoney } from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { SortHeaderRow, sortRows, useSort } from '../../shell/sort-header.tsx';
import { ledgerItemsExportPath, type LedgerCustomerDetail, type LedgerItemFilters } from './ledger-api.ts';
import { useLedgerDates, useLedgerT, type LedgerKey } from './ledger-i18n.ts';

type Item = LedgerCustomerDetail['items'][number];
type State = LedgerCustomerDetail['history'][number];
type ItemSort = 'document' | 'itemType' | 'documentDate' | 'dueDate' | 'amount' | 'openAmount' | 'status';
type StateSort = 'document' | 'validFrom' | 'validTo' | 'openAmount' | 'status';

const ITEM_COLUMNS: Array<[ItemSort, LedgerKey]> = [
  ['document', 'document'],
  ['itemType', 'type'],
  ['documentDate', 'documentDate'],
  ['dueDate', 'dueDate'],
  ['amount', 'amount'],
  ['openAmount', 'openAmount'],
  ['status', 'status'],
];
const STATE_COLUMNS: Array<[StateSort, LedgerKey]> = [
  ['document', 'document'],
  ['validFrom', 'validFrom'],
  ['validTo', 'validTo'],
  ['openAmount', 'openAmount'],
  ['status', 'status'],
];
// Amounts sort by value (their exact decimal text read as a number only to order rows); the rest as text.
const itemValue = (sort: ItemSort) => (i: Item) =>
  sort === 'amount' || sort === 'openAmount' ? Number(i[sort]) : i[sort];
const stateValue = (sort: StateSort) => (h: State) => (sort === 'openAmount' ? Number(h.openAmount) : h[sort]);

export function LedgerItemFilterBar({
  filters,
  onChange,
}: {
  filters: LedgerItemFilters;
  onChange: (f: LedgerItemFilters) => void;
}) {
  const t = useLedgerT();
  return (
    <div className="filters">
      <label>
        {t('status')}{' '}
        <select
          value={filters.status ?? ''}
          onChange={(e) =>
            onChange({ ...filters, status: (e.target.value || undefined) as LedgerItemFilters['status'] })
          }
          data-testid="ledger-items-status"
        >
          <option value="">{t('anyStatus')}</option>
          <option value="open">{t('it_open')}</option>
          <option value="settled">{t('it_settled')}</option>
        </select>
      </label>{' '}
      <label>
        {t('documentSearch')}{' '}
        <input type="search" value={filters.q ?? ''} onChange={(e) => onChange({ ...filters, q: e.target.value })} />
      </label>
    </div>
  );
}

export function LedgerItemsTable({ c, filters }: { c: LedgerCustomerDetail; filters: LedgerItemFilters }) {
  const t = useLedgerT();
  const lang = useLang((s) => s.lang);
  const dates = useLedgerDates();
  const sorting = useSort<ItemSort>();
  const { sort, order } = sorting;
  const href = ledgerItemsExportPath(c.company, c.customerId);
  return (
    <>
      <h2>{t('items')}</h2>
      <ExportLinks
        href={(format) => exportHref(href, format, { ...filters, list: 'items' })}
        testId="ledger-items-export"
      />
      {c.items.length === 0 ? (
        <p className="list-empty">{t('noItems')}</p>
      ) : (
        <table className="list" data-testid="ledger-items">
          <SortHeaderRow columns={ITEM_COLUMNS.map(([s, k]) => [s, t(k)] as const)} {...sorting} />
          <tbody>
            {sortRows(c.items, sort && itemValue(sort), order, lang).map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.document}</th>
                <td>{t(i.itemType)}</td>
                <td>{dates.day(i.documentDate)}</td>
                <td>{dates.day(i.dueDate)}</td>
                <td className="num">{formatMoney(i.amount, i.currency, lang)}</td>
                <td className="num">{formatMoney(i.openAmount, i.currency, lang)}</td>
                <td>
                  {t(`it_${i.status}`)}
                  {i.disputed ? ` · ${t('disputed')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function LedgerHistoryTable({ c, filters }: { c: LedgerCustomerDetail; filters: LedgerItemFilters }) {
  const t = useLedgerT();
  const lang = useLang((s) => s.lang);
  const dates = useLedgerDates();
  const sorting = useSort<StateSort>();
  const { sort, order } = sorting;
  const href = ledgerItemsExportPath(c.company, c.customerId);
  const status = (s: string) => (s === 'open' || s === 'settled' ? t(`it_${s}`) : s);
  return (
    <>
      <h2>{t('history')}</h2>
      <ExportLinks
        href={(format) => exportHref(href, format, { ...filters, list: 'history' })}
        testId="ledger-history-export"
      />
      {c.history.length === 0 ? (
        <p className="list-empty">{t('noHistory')}</p>
      ) : (
        <table className="list" data-testid="ledger-history">
          <SortHeaderRow columns={STATE_COLUMNS.map(([s, k]) => [s, t(k)] as const)} {...sorting} />
          <tbody>
            {sortRows(c.history, sort && stateValue(sort), order, lang).map((h) => (
              <tr key={`${h.document}-${h.validFrom}`}>
                <th scope="row">{h.document}</th>
                <td>{dates.instant(h.validFrom)}</td>
                <td>{dates.instant(h.validTo)}</td>
                <td className="num">{formatMoney(h.openAmount, h.currency, lang)}</td>
                <td>{status(h.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
