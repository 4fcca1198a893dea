import type { CalendarRule } from '../schema/calendar.schema.ts';

export type RuleLang = 'en' | 'fr';
export type ParseRuleResult = { rule: CalendarRule } | { error: string };

/*
 * Plain-words calendar rules for the designer, e.g. "3 working days", "5e jour ouvré du mois prochain",
 * "if after the 20th: 1st of next month, else in 7 days". describeCalendarRule writes the canonical
 * phrasing that parseCalendarRule reads back; nested conditions are wrapped in parentheses.
 */

const LIMITS = { days: 3650, n: 23, monthOffset: 24 };

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function stripParens(s: string): string {
  let t = s.trim();
  while (t.startsWith('(') && t.endsWith(')') && balancedInside(t)) t = t.slice(1, -1).trim();
  return t;
}

function balancedInside(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')') depth--;
    if (depth === 0 && i < t.length - 1) return false;
  }
  return depth === 0;
}

/** Top-level (outside parentheses) positions of `sep`. */
function topLevelIndexes(s: string, sep: RegExp): Array<{ index: number; length: number }> {
  const out: Array<{ index: number; length: number }> = [];
  const depthAt: number[] = [];
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    depthAt.push(depth);
    if (ch === ')') depth--;
  }
  for (const m of s.matchAll(new RegExp(sep.source, 'g')))
    if (depthAt[m.index] === 0) out.push({ index: m.index, length: m[0].length });
  return out;
}

interface Grammar {
  ifHead: RegExp;
  elseSep: RegExp;
  ifWord: RegExp;
  workingDays: RegExp;
  calendarDays: RegExp;
  nth: RegExp;
  dayOfMonth: RegExp;
  roll: RegExp;
  month: (s: string) => number | null;
}

const EN: Grammar = {
  ifHead: /^if (?:today is |the day is )?after the (\d+)(?:st|nd|rd|th)?\s*[:,]\s*(.+)$/,
  elseSep: /\s*[,;]\s*(?:else|otherwise)\s+/,
  ifWord: /^\(?\s*if /,
  workingDays: /^(?:in )?(\d+) (?:working|business) days?(?: later)?$/,
  calendarDays: /^(?:in )?(\d+) (?:calendar )?days?(?: later)?$/,
  nth: /^(?:the )?(\d+)(?:st|nd|rd|th)? (?:working|business) day of (.+)$/,
  dayOfMonth: /^(?:the )?(\d+)(?:st|nd|rd|th)? (?:day )?of (.+)$/,
  roll: /\s*(?:\(\s*|,\s*)?or (?:the )?(next|previous) (?:working|business) day\s*\)?$/,
  month: (s) => {
    if (/^(?:this|the current|the) month$/.test(s)) return 0;
    if (/^(?:the )?next month$/.test(s)) return 1;
    if (s === 'the month after next') return 2;
    const m =
      /^(?:the month in |the month,? )?(\d+) months?(?: from now| later)?$/.exec(s) ??
      /^the month in (\d+) months?$/.exec(s);
    return m ? Number(m[1]) : null;
  },
};

const FR: Grammar = {
  ifHead: /^si (?:on est |nous sommes |aujourd'hui est |le jour est )?apres le (\d+)(?:er|e|eme)?\s*[:,]\s*(.+)$/,
  elseSep: /\s*[,;]\s*sinon,?\s+/,
  ifWord: /^\(?\s*si /,
  workingDays: /^(?:dans )?(\d+) jours? (?:ouvres?|ouvrables?)(?: plus tard)?$/,
  calendarDays: /^(?:dans )?(\d+) jours?(?: calendaires?)?(?: plus tard)?$/,
  nth: /^(?:le )?(\d+)(?:er|re|e|eme|ieme)? jour (?:ouvre|ouvrable) (.+)$/,
  dayOfMonth: /^(?:le )?(\d+)(?:er|e|eme)? (.+)$/,
  roll: /\s*(?:\(\s*|,\s*)?(?:ou|sinon) (?:le )?(?:jour (?:ouvre|ouvrable) )(suivant|precedent)\s*\)?$/,
  month: (s) => {
    if (/^(?:du mois|du mois en cours|de ce mois|du mois courant)$/.test(s)) return 0;
    if (/^du mois (?:prochain|suivant)$/.test(s)) return 1;
    const m = /^(?:du mois )?dans (\d+) mois$/.exec(s);
    return m ? Number(m[1]) : null;
  },
};

function bounded(name: keyof typeof LIMITS | 'day', v: number): string | null {
  if (name === 'day') return v >= 1 && v <= 31 ? null : `Day of month must be between 1 and 31 (got ${v})`;
  const min = name === 'n' ? 1 : 0;
  return v >= min && v <= LIMITS[name] ? null : `${name} must be between ${min} and ${LIMITS[name]} (got ${v})`;
}

function parseWith(g: Grammar, input: string, depth: number): ParseRuleResult {
  if (depth > 8) return { error: 'Too many nested conditions' };
  const s = stripParens(input);
  const ifm = g.ifHead.exec(s);
  if (ifm) {
    const day = Number(ifm[1]);
    const rest = ifm[2]!;
    const seps = topLevelIndexes(rest, g.elseSep);
    if (seps.length === 0) return { error: 'A condition needs both branches: "…, else …"' };
    // An unparenthesised nested condition in the first branch owns the earlier separators.
    const sep = g.ifWord.test(rest) ? seps[seps.length - 1]! : seps[0]!;
    const then = parseWith(g, rest.slice(0, sep.index), depth + 1);
    if ('error' in then) return then;
    const els = parseWith(g, rest.slice(sep.index + sep.length), depth + 1);
    if ('error' in els) return els;
    return bounded('day', day)
      ? { error: bounded('day', day)! }
      : { rule: { type: 'ifDayOfMonthAfter', day, then: then.rule, else: els.rule } };
  }
  let m = g.workingDays.exec(s);
  if (m) return withBound('days', Number(m[1]), (days) => ({ type: 'workingDays', days }));
  m = g.calendarDays.exec(s);
  if (m) return withBound('days', Number(m[1]), (days) => ({ type: 'calendarDays', days }));
  m = g.nth.exec(s);
  if (m) {
    const offset = g.month(m[2]!);
    if (offset === null) return { error: `Unknown month '${m[2]}'` };
    const err = bounded('n', Number(m[1])) ?? bounded('monthOffset', offset);
    return err ? { error: err } : { rule: { type: 'nthWorkingDayOfMonth', n: Number(m[1]), monthOffset: offset } };
  }
  const roll = g.roll.exec(s);
  const body = roll ? s.slice(0, roll.index) : s;
  m = g.dayOfMonth.exec(body);
  if (m) {
    const offset = g.month(m[2]!);
    if (offset !== null) {
      const err = bounded('day', Number(m[1])) ?? bounded('monthOffset', offset);
      if (err) return { error: err };
      const rule: CalendarRule = { type: 'dayOfMonth', day: Number(m[1]), monthOffset: offset };
      if (roll) rule.rollToWorkingDay = roll[1] === 'next' || roll[1] === 'suivant' ? 'next' : 'previous';
      return { rule };
    }
  }
  return { error: `Could not understand '${input.trim().slice(0, 80)}'` };
}

function withBound(name: 'days', v: number, make: (v: number) => CalendarRule): ParseRuleResult {
  const err = bounded(name, v);
  return err ? { error: err } : { rule: make(v) };
}

export function parseCalendarRule(text: string, lang: RuleLang = 'en'): ParseRuleResult {
  if (typeof text !== 'string' || text.trim() === '') return { error: 'Empty rule' };
  if (text.length > 500) return { error: 'Rule text is too long' };
  return parseWith(lang === 'fr' ? FR : EN, normalize(text), 0);
}

function ordEn(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}
const ordFr = (n: number) => (n === 1 ? '1er' : `${n}e`);
const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

function monthEn(offset: number): string {
  return offset === 0 ? 'this month' : offset === 1 ? 'next month' : `the month in ${offset} months`;
}
function monthFr(offset: number): string {
  return offset === 0 ? 'du mois en cours' : offset === 1 ? 'du mois prochain' : `du mois dans ${offset} mois`;
}

export function describeCalendarRule(rule: CalendarRule, lang: RuleLang = 'en'): string {
  const fr = lang === 'fr';
  const nested = (r: CalendarRule) =>
    r.type === 'ifDayOfMonthAfter' ? `(${describeCalendarRule(r, lang)})` : describeCalendarRule(r, lang);
  switch (rule.type) {
    case 'workingDays':
      return fr
        ? `${rule.days} ${plural(rule.days, 'jour')} ${plural(rule.days, 'ouvré')}`
        : `${rule.days} working ${plural(rule.days, 'day')}`;
    case 'calendarDays':
      return fr ? `dans ${rule.days} ${plural(rule.days, 'jour')}` : `in ${rule.days} ${plural(rule.days, 'day')}`;
    case 'nthWorkingDayOfMonth':
      return fr
        ? `${ordFr(rule.n)} jour ouvré ${monthFr(rule.monthOffset)}`
        : `${ordEn(rule.n)} working day of ${monthEn(rule.monthOffset)}`;
    case 'dayOfMonth': {
      const roll = rule.rollToWorkingDay && rule.rollToWorkingDay !== 'none' ? rule.rollToWorkingDay : undefined;
      if (fr)
        return `le ${ordFr(rule.day)} ${monthFr(rule.monthOffset)}${roll ? ` (ou jour ouvré ${roll === 'next' ? 'suivant' : 'précédent'})` : ''}`;
      return `${ordEn(rule.day)} of ${monthEn(rule.monthOffset)}${roll ? ` (or ${roll} working day)` : ''}`;
    }
    case 'ifDayOfMonthAfter':
      return fr
        ? `si après le ${rule.day} : ${nested(rule.then)}, sinon ${nested(rule.else)}`
        : `if after the ${ordEn(rule.day)}: ${nested(rule.then)}, else ${nested(rule.else)}`;
    default:
      return '?';
  }
}
