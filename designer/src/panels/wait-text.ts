import type { CalendarRule, WaitSpec } from '@ledgerflow/flow-model';
import { ext } from '../flow/flow-model-ext.ts';

type Lang = 'en' | 'fr';

// Used only while flow-model's calendar parser is not exported: covers the common "N working/calendar days".
function fallbackParse(text: string): CalendarRule | null {
  const m = /^\s*(\d{1,4})\s+(working|business|ouvr[ée]s?|calendar|calendaires?|days?|jours?)\s*(days?|jours?)?\s*(ouvr[ée]s?|calendaires?)?\s*$/i.exec(text);
  if (!m) return null;
  const days = Number(m[1]);
  const words = text.toLowerCase();
  return /working|business|ouvr/.test(words) ? { type: 'workingDays', days } : { type: 'calendarDays', days };
}

export function parseWaitText(text: string, lang: Lang): { rule: CalendarRule } | { error: string } {
  if (ext.parseCalendarRule) {
    try {
      return ext.parseCalendarRule(text, lang);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const rule = fallbackParse(text);
  return rule ? { rule } : { error: 'not understood' };
}

export function describeRuleText(rule: CalendarRule, lang: Lang = 'en'): string {
  if (ext.describeCalendarRule) {
    try {
      return ext.describeCalendarRule(rule, lang);
    } catch {
      // fall back below
    }
  }
  switch (rule.type) {
    case 'workingDays': return lang === 'fr' ? `${rule.days} jours ouvrés` : `${rule.days} working days`;
    case 'calendarDays': return lang === 'fr' ? `${rule.days} jours` : `${rule.days} days`;
    case 'nthWorkingDayOfMonth': return `${rule.n}th working day, month +${rule.monthOffset}`;
    case 'dayOfMonth': return `day ${rule.day}, month +${rule.monthOffset}`;
    default: return 'conditional date rule';
  }
}

export function describeWait(spec: WaitSpec | undefined, lang: Lang = 'en'): string {
  if (!spec) return '';
  if (spec.type === 'duration') return spec.iso;
  if (spec.type === 'date') return `until ${spec.expression}`;
  return describeRuleText(spec.rule, lang);
}

export async function nextWaitDate(spec: WaitSpec, opts: { calendar: string; timezone: string }, from = new Date()): Promise<Date | null> {
  if (!ext.computeWaitUntil) return null;
  try {
    return await ext.computeWaitUntil(spec, from, opts);
  } catch {
    return null;
  }
}
