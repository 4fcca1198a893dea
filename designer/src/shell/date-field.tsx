import { lazy, Suspense } from 'react';
import { useT } from '../i18n/i18n.ts';

export interface DateFieldProps {
  /** `date` holds "2026-10-31", `datetime` "2026-10-31T14:20": the values native date inputs gave. */
  kind?: 'date' | 'datetime';
  /** "" when empty, as a native input. */
  value: string;
  /** "" when cleared, as a native input. */
  onChange: (value: string) => void;
  id?: string;
  required?: boolean;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}

// Mantine's dates package and its calendar are heavy: they load the first time a date field shows, so the pages
// and editor panels that merely may show one (and the entry bundle) stay light.
const DateFieldInput = lazy(() => import('./date-field-input.tsx').then((m) => ({ default: m.DateFieldInput })));

/**
 * The one date field of the app: it reads and writes days in the user's language (dd/mm/yyyy, a French calendar
 * starting on Monday) whatever the browser's locale, which a native <input type="date"> cannot.
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
          placeholder={t(props.kind === 'datetime' ? 'dates.placeholderTime' : 'dates.placeholder')}
          size={props.kind === 'datetime' ? 16 : 10}
        />
      }
    >
      <DateFieldInput {...props} />
    </Suspense>
  );
}
