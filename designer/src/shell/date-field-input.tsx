import { DateInput, DatesProvider, DateTimePicker } from '@mantine/dates';
import 'dayjs/locale/fr';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/dates/styles.css';
import { useLang, useT } from '../i18n/i18n.ts';
import { DATE_TIME_FORMAT, DAY_FORMAT, fromPickerDateTime, parseDayText, toPickerDateTime } from './date-text.ts';

import type { DateFieldProps } from './date-field.types.ts';

/** DateField's Mantine side, loaded by date-field.tsx the first time a date field shows. */
export function DateFieldInput({ kind = 'date', value, onChange, ...rest }: DateFieldProps) {
  const lang = useLang((s) => s.lang);
  const t = useT();
  // Monday first: both languages are European (fr-FR, en-GB in i18n/format-date.ts).
  const settings = { locale: lang, firstDayOfWeek: 1 as const };
  return (
    <DatesProvider settings={settings}>
      {kind === 'date' ? (
        <DateInput
          {...rest}
          className="date-field"
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
          valueFormat={DAY_FORMAT}
          dateParser={parseDayText}
          placeholder={t('dates.placeholder')}
          clearable={!rest.required}
          clearButtonProps={{ 'aria-label': t('dates.clear') }}
          autoComplete="off"
        />
      ) : (
        <DateTimePicker
          {...rest}
          // A button whose text is the value: its name comes from a hidden label, since an aria-label that does not
          // contain the visible text fails WCAG 2.5.3.
          aria-label={undefined}
          label={rest['aria-label']}
          labelProps={{ className: 'sr-only' }}
          className="date-field"
          value={toPickerDateTime(value)}
          onChange={(v) => onChange(fromPickerDateTime(v))}
          valueFormat={DATE_TIME_FORMAT[lang]}
          placeholder={t('dates.placeholderTime')}
          clearable={!rest.required}
          clearButtonProps={{ 'aria-label': t('dates.clear') }}
        />
      )}
    </DatesProvider>
  );
}
