import { DateInput, DatesProvider, DateTimePicker, MonthPickerInput } from '@mantine/dates';
import 'dayjs/locale/fr';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/dates/styles.css';
import { useLang, useT } from '../i18n/i18n.ts';
import {
  DATE_TIME_FORMAT,
  DAY_FORMAT,
  fromPickerDateTime,
  fromPickerMonth,
  parseDayText,
  toPickerDateTime,
  toPickerMonth,
} from './date-text.ts';

import type { DateFieldProps } from './date-field.types.ts';

/** DateField's Mantine side, loaded by date-field.tsx the first time a date field shows. */
export function DateFieldInput({ kind = 'date', value, onChange, ...rest }: DateFieldProps) {
  const lang = useLang((s) => s.lang);
  const t = useT();
  // Monday first: both languages are European (fr-FR, en-GB in i18n/format-date.ts).
  const settings = { locale: lang, firstDayOfWeek: 1 as const };
  const clear = { clearable: !rest.required, clearButtonProps: { 'aria-label': t('dates.clear') } };
  // The date-time and month pickers are buttons whose text is the value: their name comes from a hidden label,
  // since an aria-label that does not contain the visible text fails WCAG 2.5.3.
  const button = {
    ...rest,
    ...clear,
    'aria-label': undefined,
    label: rest['aria-label'],
    labelProps: { className: 'sr-only' },
    className: 'date-field',
  };
  return (
    <DatesProvider settings={settings}>
      {kind === 'date' ? (
        <DateInput
          {...rest}
          {...clear}
          className="date-field"
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
          valueFormat={DAY_FORMAT}
          dateParser={parseDayText}
          placeholder={t('dates.placeholder')}
          autoComplete="off"
        />
      ) : kind === 'month' ? (
        // "octobre 2026" / "October 2026": the month's name in the user's language, not the browser's.
        <MonthPickerInput
          {...button}
          value={toPickerMonth(value)}
          onChange={(v) => onChange(fromPickerMonth(v))}
          valueFormat="MMMM YYYY"
          placeholder={t('dates.placeholderMonth')}
        />
      ) : (
        <DateTimePicker
          {...button}
          value={toPickerDateTime(value)}
          onChange={(v) => onChange(fromPickerDateTime(v))}
          valueFormat={DATE_TIME_FORMAT[lang]}
          placeholder={t('dates.placeholderTime')}
        />
      )}
    </DatesProvider>
  );
}
