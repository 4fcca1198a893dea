// A sortable column header: a button (so Tab and Enter sort it), aria-sort on the th so a screen reader says the order.
import { useState, type ReactNode } from 'react';
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

/** A list's header row, every column sortable: `columns` are [column, label] in order; the rest is useSort's state. */
export function SortHeaderRow<S extends string>({
  columns,
  sort,
  order,
  onSort,
}: {
  columns: ReadonlyArray<readonly [S, string]>;
  sort: S | undefined;
  order: SortOrder;
  onSort: (column: S, order: SortOrder) => void;
}): ReactNode {
  return (
    <thead>
      <tr>
        {columns.map(([column, label]) => (
          <SortHeader key={column} column={column} label={label} sort={sort} order={order} onSort={onSort} />
        ))}
      </tr>
    </thead>
  );
}

/** A list's sort state, as the headers change it. */
export function useSort<S extends string>(initial?: S, initialOrder: SortOrder = 'asc') {
  const [sort, setSort] = useState<S | undefined>(initial);
  const [order, setOrder] = useState<SortOrder>(initialOrder);
  const onSort = (s: S, o: SortOrder) => (setSort(s), setOrder(o));
  return { sort, order, onSort };
}

/**
 * A list the page holds whole (a few hundred rows), sorted in the browser by one value per row: numbers by value, text
 * in the user's language (ISO dates sort as text, so text order is time order).
 */
export function sortRows<T>(
  rows: readonly T[],
  value: ((row: T) => string | number | null | undefined) | undefined,
  order: SortOrder,
  lang?: string,
): readonly T[] {
  if (!value) return rows;
  const cmp = (a: T, b: T) => {
    const x = value(a) ?? '';
    const y = value(b) ?? '';
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang);
  };
  return [...rows].sort((a, b) => (order === 'asc' ? cmp(a, b) : cmp(b, a)));
}
