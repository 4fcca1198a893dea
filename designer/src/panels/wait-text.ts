import { describeCalendarRule, parseCalendarRule, type CalendarRule, type WaitSpec } from '@ledgerflow/flow-model';

type Lang = 'en' | 'fr';

export function parseWaitText(text: string, lang: Lang): { rule: CalendarRule } | { error: string } {
  try {
    return parseCalendarRule(text, lang);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function describeWait(spec: WaitSpec | undefined, lang: Lang = 'en'): string {
  if (!spec) return '';
  if (spec.type === 'duration') return spec.iso;
  if (spec.type === 'date') return `until ${spec.expression}`;
  try {
    return describeCalendarRule(spec.rule, lang);
  } catch {
    return spec.rule.type;
  }
}
