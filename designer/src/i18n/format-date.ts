import { useMemo } from 'react';
import { useLang, type Lang } from './i18n.ts';

/** The Intl locale of each app language: day before month in both ("7 déc. 2026", "7 Dec 2026"). */
export const DATE_LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export interface DateFormat {
  /** An instant as date and time in the user's language: "7 déc. 2026, 14:20". */
  instant: (iso: string | Date | null | undefined) => string;
  /** A calendar day ("2026-12-07") in the user's language, never shifted by the browser's timezone. */
  day: (isoDay: string | null | undefined) => string;
}

export function dateFormat(lang: Lang): DateFormat {
  const instant = new Intl.DateTimeFormat(DATE_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(DATE_LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' });
  const valid = (d: Date) => Number.isFinite(d.getTime());
  return {
    instant: (v) => {
      if (!v) return '';
      const d = v instanceof Date ? v : new Date(v);
      return valid(d) ? instant.format(d) : String(v);
    },
    day: (v) => {
      if (!v) return '';
      const d = new Date(`${v.slice(0, 10)}T00:00:00Z`);
      return valid(d) ? day.format(d) : v;
    },
  };
}

/** Date formatting that follows the app's language switch. */
export function useDateFormat(): DateFormat {
  const lang = useLang((s) => s.lang);
  return useMemo(() => dateFormat(lang), [lang]);
}
