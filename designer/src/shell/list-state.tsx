// Every list screen's states in one place: loading, an error with Retry (a 403 said in words), empty, or the list.
// One component so the lists read the same and a screen reader hears them the same (role=status / role=alert).
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import type { AsyncState } from './use-async.ts';
import { useListT } from './list-i18n.ts';

export function ListState<T>({
  state,
  isEmpty,
  empty,
  forbidden,
  errorText,
  children,
}: {
  state: AsyncState<T>;
  isEmpty: (data: T) => boolean;
  /** What the page says when there is nothing to list. */
  empty: ReactNode;
  /** What a 403 means on this page (who the list is for); a generic sentence otherwise. */
  forbidden?: string;
  errorText?: (err: Error) => string;
  children: (data: T) => ReactNode;
}) {
  const t = useListT();
  const { data, error, loading, reload } = state;
  const message = (err: Error) =>
    err instanceof ApiError && err.status === 403 ? (forbidden ?? t('forbidden')) : (errorText?.(err) ?? err.message);
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {message(error)}{' '}
          <button type="button" onClick={reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {loading && data === undefined && <p role="status">{t('loading')}</p>}
      {data !== undefined && (isEmpty(data) ? <p className="list-empty">{empty}</p> : children(data))}
    </>
  );
}
