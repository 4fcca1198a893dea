// #/dunning: the dunning runs' review batches, newest first, each linking to its batch screen; filtered by status,
// sorted by any column, exported with the same filter.
import { useState } from 'react';
import { DUNNING_BATCH_STATUSES } from '@ledgerflow/flow-model';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { SortHeaderRow, sortRows, useSort } from '../../shell/sort-header.tsx';
import { dunningApi, type BatchStatus } from './dunning-api.ts';
import { useDates, useDunningT, type DunningKey } from './dunning-i18n.ts';
import './dunning.css';

type Sort = 'asOf' | 'status' | 'lineCount' | 'selectedCount' | 'sentCount' | 'createdAt';
const COLUMNS: Array<{ sort: Sort; key: DunningKey }> = [
  { sort: 'asOf', key: 'asOf' },
  { sort: 'status', key: 'status' },
  { sort: 'lineCount', key: 'lines' },
  { sort: 'selectedCount', key: 'selected' },
  { sort: 'sentCount', key: 'sent' },
  { sort: 'createdAt', key: 'created' },
];

export function DunningBatchesList() {
  const t = useDunningT();
  const { day, instant } = useDates();
  const [status, setStatus] = useState<BatchStatus | ''>('');
  // The page holds the latest 100 batches: it sorts them itself.
  const { sort, order, onSort } = useSort<Sort>();
  const list = useAsync(() => dunningApi.list(status || undefined), [status]);
  return (
    <section className="page dunning" aria-labelledby="dunning-title">
      <h1 id="dunning-title">{t('title')}</h1>
      <p>
        <label>
          {t('status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as BatchStatus | '')}>
            <option value="">{t('anyStatus')}</option>
            {DUNNING_BATCH_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`s_${s}` as DunningKey)}
              </option>
            ))}
          </select>
        </label>
      </p>
      <ExportLinks
        href={(format) => exportHref('/api/dunning/batches/export', format, { status })}
        testId="dunning-batches-export"
      />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('none')} forbidden={t('forbidden')}>
        {(data) => (
          <table className="list" data-testid="dunning-batches">
            <SortHeaderRow
              columns={COLUMNS.map((c) => [c.sort, t(c.key)] as const)}
              sort={sort}
              order={order}
              onSort={onSort}
            />
            <tbody>
              {sortRows(data.items, sort && ((b) => b[sort]), order).map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <a href={`#/dunning/batches/${b.id}`}>{day(b.asOf)}</a>
                    {b.company ? ` · ${b.company}` : ''}
                  </th>
                  <td>{t(`s_${b.status}` as DunningKey)}</td>
                  <td className="num">{b.lineCount}</td>
                  <td className="num">{b.selectedCount}</td>
                  <td className="num">{b.sentCount}</td>
                  <td>
                    <time dateTime={b.createdAt}>{instant(b.createdAt)}</time>
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
