import type { CSSVariablesResolver, MantineColorsTuple, MantineThemeOverride } from '@mantine/core';
import { translate, type Lang } from '../i18n/i18n.ts';

// Shade 6 is the stylesheet's --accent / --error exactly; the others only serve hover and light variants.
const ACCENT: MantineColorsTuple = [
  '#edf1f9',
  '#d2dcf1',
  '#b1c1e6',
  '#8fa7dc',
  '#6d8dd1',
  '#476fc5',
  '#1f4fb8',
  '#1a439c',
  '#163781',
  '#112b65',
];
const ERROR: MantineColorsTuple = [
  '#f8eced',
  '#edd0d1',
  '#dfadaf',
  '#d28b8d',
  '#c4686a',
  '#b44043',
  '#a4161a',
  '#8b1316',
  '#730f12',
  '#5a0c0e',
];

/** Mantine's semantic colours read the stylesheet's variables, so one place (styles.css) sets the look. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  dark: {},
  light: {
    '--mantine-color-text': 'var(--fg)',
    '--mantine-color-body': 'var(--panel)',
    '--mantine-color-dimmed': 'var(--muted)',
    '--mantine-color-placeholder': 'var(--muted)',
    '--mantine-color-default-border': 'var(--border)',
    '--mantine-color-error': 'var(--error)',
    '--mantine-color-success': 'var(--ok)',
    '--mantine-color-anchor': 'var(--accent)',
  },
});

/**
 * The theme in the user's language: Mantine's own words (close buttons, calendar arrows, time fields) are
 * default props here, so no Mantine component ever shows English to a French user. Components are named as
 * plain keys (no `Modal.extend`) so the entry bundle does not pull every component in.
 */
export function mantineTheme(lang: Lang): MantineThemeOverride {
  const w = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const close = { closeButtonProps: { 'aria-label': w('common.close') } };
  // The month and year level buttons keep their visible text ("octobre 2026") as their name (WCAG 2.5.3).
  const calendar = {
    ariaLabels: {
      nextMonth: w('dates.nextMonth'),
      previousMonth: w('dates.previousMonth'),
      nextYear: w('dates.nextYear'),
      previousYear: w('dates.previousYear'),
      nextDecade: w('dates.nextDecade'),
      previousDecade: w('dates.previousDecade'),
    },
  };
  const time = {
    hoursInputLabel: w('dates.hours'),
    minutesInputLabel: w('dates.minutes'),
    secondsInputLabel: w('dates.seconds'),
    amPmInputLabel: w('dates.amPm'),
  };
  return {
    primaryColor: 'accent',
    primaryShade: 6,
    colors: { accent: ACCENT, red: ERROR },
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontFamilyMonospace: 'ui-monospace, monospace',
    // styles.css's 4px corners; the root font size is 14px, so Mantine's rem sizes already match the app's.
    defaultRadius: 'sm',
    radius: { xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px' },
    cursorType: 'pointer',
    components: {
      Modal: { defaultProps: close },
      DateInput: { defaultProps: calendar },
      DateTimePicker: {
        defaultProps: {
          ...calendar,
          timePickerProps: time,
          submitButtonProps: { 'aria-label': w('dates.done') },
        },
      },
      MonthPickerInput: { defaultProps: calendar },
      TimePicker: { defaultProps: time },
    },
  };
}
