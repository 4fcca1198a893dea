// A sortable column header: a button (so Tab and Enter sort it), aria-sort on the th so a screen reader says the order.
import type { ReactNode } from 'react';
import { useListT } from './list-i18n.ts';

export type SortOrder = 'asc' | 'desc';

export function SortHeader<S extends string>({
  column,
  label,
  sort,
  order,
  onSort,
}: {
  column: S;
  label: string;
  sort: S | undefined;
  order: SortOrder;
  onSort: (column: S, order: SortOrder) => void;
}): ReactNode {
  const t = useListT();
  const sorted = sort === column;
  // A first click sorts ascending; a second click on the same column reverses it.
  const next: SortOrder = sorted && order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="link" onClick={() => onSort(column, next)} title={t('sortBy', { col: label })}>
        {label} {sorted ? (order === 'asc' ? '▲' : '▼') : ''}
      </button>
    </th>
  );
}
