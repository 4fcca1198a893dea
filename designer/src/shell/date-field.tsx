import { lazy, Suspense } from 'react';
import { useT } from '../i18n/i18n.ts';
import type { DateFieldProps } from './date-field.types.ts';

export type { DateFieldProps };

const PLACEHOLDER = {
  date: 'dates.placeholder',
  datetime: 'dates.placeholderTime',
  month: 'dates.placeholderMonth',
} as const;

// Mantine's dates package and its calendar are heavy: they load the first time a date field shows, so the pages
// and editor panels that merely may show one (and the entry bundle) stay light.
const DateFieldInput = lazy(() => import('./date-field-input.tsx').then((m) => ({ default: m.DateFieldInput })));

/**
 * The one date field of the app: it reads and writes days in the user's language (dd/mm/yyyy, a French calendar
 * starting on Monday; months as "octobre 2026") whatever the browser's locale, which a native <input type="date">
 * or type="month" cannot.
 */
export function DateField(props: DateFieldProps) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <input
          disabled
          id={props.id}
          aria-label={props['aria-label']}
          placeholder={t(PLACEHOLDER[props.kind ?? 'date'])}
          size={props.kind === 'date' || !props.kind ? 10 : 16}
        />
      }
    >
      <DateFieldInput {...props} />
    </Suspense>
  );
}
