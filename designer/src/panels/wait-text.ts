import {
  describeCalendarRule,
  describeDayAtTime,
  parseIsoDuration,
  parseWaitPhrase,
  type IsoDuration,
  type WaitSpec,
} from '@ledgerflow/flow-model';

type Lang = 'en' | 'fr';

/** Calendar rules, elapsed time ("1 minute") and a day at a time ("tomorrow at 9:00"), as flow-model reads them. */
export function parseWaitText(text: string, lang: Lang): { spec: WaitSpec } | { error: string } {
  try {
    return parseWaitPhrase(text, lang);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const UNITS: Record<Lang, Record<keyof IsoDuration, [string, string]>> = {
  en: {
    years: ['year', 'years'],
    months: ['month', 'months'],
    weeks: ['week', 'weeks'],
    days: ['day', 'days'],
    hours: ['hour', 'hours'],
    minutes: ['minute', 'minutes'],
    seconds: ['second', 'seconds'],
  },
  fr: {
    years: ['an', 'ans'],
    months: ['mois', 'mois'],
    weeks: ['semaine', 'semaines'],
    days: ['jour', 'jours'],
    hours: ['heure', 'heures'],
    minutes: ['minute', 'minutes'],
    seconds: ['seconde', 'secondes'],
  },
};

/** `P1DT2H` as "1 day 2 hours" / "1 jour 2 heures"; what does not parse is shown as it is. */
export function describeDuration(iso: string, lang: Lang = 'en'): string {
  try {
    const d = parseIsoDuration(iso);
    const parts = (Object.keys(UNITS[lang]) as Array<keyof IsoDuration>)
      .filter((k) => d[k] > 0)
      .map((k) => `${d[k].toLocaleString(lang)} ${UNITS[lang][k][d[k] === 1 ? 0 : 1]}`);
    return parts.length ? parts.join(' ') : iso;
  } catch {
    return iso;
  }
}

export function describeWait(spec: WaitSpec | undefined, lang: Lang = 'en'): string {
  if (!spec) return '';
  if (spec.type === 'duration') return describeDuration(spec.iso, lang);
  if (spec.type === 'date')
    return describeDayAtTime(spec.expression, lang) ?? `${lang === 'fr' ? 'jusqu’à' : 'until'} ${spec.expression}`;
  try {
    return describeCalendarRule(spec.rule, lang);
  } catch {
    return spec.rule.type;
  }
}
