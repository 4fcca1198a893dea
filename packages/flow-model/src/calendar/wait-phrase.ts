import type { WaitSpec } from '../schema/calendar.schema.ts';
import { parseCalendarRule, type RuleLang } from './calendar-text.ts';

/*
 * What people type for a wait, due date or reminder, in English or French, as a WaitSpec:
 * - calendar rules, with or without "until" / "jusqu'au": "until the 25th of the month", "3 working days",
 *   "until the 5th working day of next month", "jusqu'au 5e jour ouvré du mois prochain";
 * - elapsed time: "1 minute", "in 2 hours", "1 hour 30 minutes", "dans 2 heures", "1 week", "3 mois";
 * - a day and a time of day in the flow's timezone: "tomorrow at 9:00", "today at 17:30", "in 3 days at 8am",
 *   "demain à 9h00", "dans 3 jours à 8 h". No calendar rule holds a time of day, so this one is a date wait whose
 *   expression `describeDayAtTime` reads back.
 */

export type WaitPhraseResult = { spec: WaitSpec } | { error: string };

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const UNTIL: Record<RuleLang, RegExp> = {
  en: /^(?:wait )?(?:until|till|by) /,
  fr: /^(?:attendre )?(?:jusqu'(?:au|a) |au )/,
};

type Unit = 'Y' | 'M' | 'W' | 'H' | 'MIN' | 'S';
const UNIT_WORDS: Record<RuleLang, Array<[RegExp, Unit]>> = {
  en: [
    [/^(?:years?|yrs?)$/, 'Y'],
    [/^months?$/, 'M'],
    [/^(?:weeks?|wks?)$/, 'W'],
    [/^(?:hours?|hrs?|h)$/, 'H'],
    [/^(?:minutes?|mins?|m)$/, 'MIN'],
    [/^(?:seconds?|secs?|s)$/, 'S'],
  ],
  fr: [
    [/^(?:ans?|annees?)$/, 'Y'],
    [/^mois$/, 'M'],
    [/^semaines?$/, 'W'],
    [/^(?:heures?|h)$/, 'H'],
    [/^(?:minutes?|min|mn)$/, 'MIN'],
    [/^(?:secondes?|s)$/, 'S'],
  ],
};

/** "1 hour 30 minutes" → PT1H30M; null when any part is not a whole number followed by a unit. */
function parseDuration(s: string, lang: RuleLang): string | null {
  const body = s.replace(lang === 'fr' ? /^dans / : /^(?:in |after |wait )/, '').replace(/ (?:et|and) /g, ' ');
  const parts = [...body.matchAll(/(\d+) ?([a-z]+)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join(' ') !== body) return null;
  const found = new Map<Unit, number>();
  for (const [, n, word] of parts) {
    const unit = UNIT_WORDS[lang].find(([re]) => re.test(word!))?.[1];
    if (!unit || found.has(unit)) return null;
    found.set(unit, Number(n));
  }
  const v = (u: Unit, suffix: string) => (found.has(u) ? `${found.get(u)}${suffix}` : '');
  const date = v('Y', 'Y') + v('M', 'M') + v('W', 'W');
  const time = v('H', 'H') + v('MIN', 'M') + v('S', 'S');
  if (/^(?:0[A-Z])+$/.test(date + time)) return null;
  return `P${date}${time ? `T${time}` : ''}`;
}

const DAY_AT: Record<RuleLang, RegExp> = {
  en: /^(today|tomorrow|in (\d+) days?) (?:at )?(\d{1,2})(?:[:.h](\d{2}))? ?(am|pm)?$/,
  fr: /^(aujourd'hui|demain|dans (\d+) jours?) (?:a )?(\d{1,2}) ?(?:[:h] ?(\d{2})?)?$/,
};

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

/** The date expression for "in `days` days at hh:mm" in the flow's timezone (a local date-time, see parseDateValue). */
export function dayAtTimeExpression(days: number, hour: number, minute: number): string {
  return `$fromMillis($toMillis($today()) + ${days} * ${DAY_MS}, '[Y0001]-[M01]-[D01]') & 'T${pad(hour)}:${pad(minute)}'`;
}

const DAY_AT_EXPR =
  /^\$fromMillis\(\$toMillis\(\$today\(\)\) \+ (\d+) \* 86400000, '\[Y0001\]-\[M01\]-\[D01\]'\) & 'T(\d{2}):(\d{2})'$/;

/** Reads back what dayAtTimeExpression wrote, in words; null for any other expression. */
export function describeDayAtTime(expression: string, lang: RuleLang = 'en'): string | null {
  const m = DAY_AT_EXPR.exec(expression);
  if (!m) return null;
  const days = Number(m[1]);
  const time = lang === 'fr' ? `${Number(m[2])} h ${m[3]}` : `${m[2]}:${m[3]}`;
  if (lang === 'fr') return `${days === 0 ? 'aujourd’hui' : days === 1 ? 'demain' : `dans ${days} jours`} à ${time}`;
  return `${days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`} at ${time}`;
}

function parseDayAt(s: string, lang: RuleLang): WaitPhraseResult | null {
  const m = DAY_AT[lang].exec(s);
  if (!m) return null;
  const days = m[2] ? Number(m[2]) : /^(?:today|aujourd)/.test(m[1]!) ? 0 : 1;
  let hour = Number(m[3]);
  const minute = Number(m[4] ?? 0);
  const half = lang === 'en' ? m[5] : undefined;
  if (half && (hour < 1 || hour > 12)) return { error: `${hour}${half} is not a time` };
  if (half) hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  if (hour > 23 || minute > 59) return { error: `${m[3]}:${m[4] ?? '00'} is not a time of day` };
  if (days > 3650) return { error: `days must be between 0 and 3650 (got ${days})` };
  return { spec: { type: 'date', expression: dayAtTimeExpression(days, hour, minute) } };
}

export function parseWaitPhrase(text: string, lang: RuleLang = 'en'): WaitPhraseResult {
  if (typeof text !== 'string' || text.trim() === '') return { error: 'Empty rule' };
  if (text.length > 500) return { error: 'Rule text is too long' };
  const s = normalize(text).replace(UNTIL[lang], '');
  const dayAt = parseDayAt(s, lang);
  if (dayAt) return dayAt;
  const rule = parseCalendarRule(s, lang);
  if ('rule' in rule) return { spec: { type: 'calendar', rule: rule.rule } };
  const iso = parseDuration(s, lang);
  if (iso) return { spec: { type: 'duration', iso } };
  return rule;
}

/** Phrases the designer offers as choices, each one parseWaitPhrase reads. */
export const WAIT_PHRASE_EXAMPLES: Record<RuleLang, readonly string[]> = {
  en: [
    '1 minute',
    '2 hours',
    '2 days',
    '3 working days',
    'tomorrow at 9:00',
    'until the 25th of the month',
    'until the 5th working day of next month',
    '1st of next month',
  ],
  fr: [
    '1 minute',
    '2 heures',
    'dans 2 jours',
    '3 jours ouvrés',
    'demain à 9 h 00',
    'jusqu’au 25 du mois',
    'jusqu’au 5e jour ouvré du mois prochain',
    'le 1er du mois prochain',
  ],
};
