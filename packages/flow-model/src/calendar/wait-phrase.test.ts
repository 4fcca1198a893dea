import { describe, expect, it } from 'vitest';
import { computeWaitUntil } from './wait-until.ts';
import { describeDayAtTime, parseWaitPhrase, WAIT_PHRASE_EXAMPLES } from './wait-phrase.ts';

const OPTS = { timezone: 'Europe/Paris', calendar: 'FR' };
// Monday 7 December 2026, 14:20 in Paris.
const FROM = new Date('2026-12-07T13:20:00Z');

async function at(text: string, lang: 'en' | 'fr'): Promise<string> {
  const r = parseWaitPhrase(text, lang);
  if ('error' in r) throw new Error(r.error);
  return (await computeWaitUntil(r.spec, FROM, OPTS)).toISOString();
}

describe('parseWaitPhrase', () => {
  it.each([
    ['1 minute', 'en', { type: 'duration', iso: 'PT1M' }],
    ['in 2 hours', 'en', { type: 'duration', iso: 'PT2H' }],
    ['1 hour 30 minutes', 'en', { type: 'duration', iso: 'PT1H30M' }],
    ['1 week', 'en', { type: 'duration', iso: 'P1W' }],
    ['dans 2 heures', 'fr', { type: 'duration', iso: 'PT2H' }],
    ['1 heure et 30 minutes', 'fr', { type: 'duration', iso: 'PT1H30M' }],
    ['3 mois', 'fr', { type: 'duration', iso: 'P3M' }],
    ['2 days', 'en', { type: 'calendar', rule: { type: 'calendarDays', days: 2 } }],
    ['until the 25th of the month', 'en', { type: 'calendar', rule: { type: 'dayOfMonth', day: 25, monthOffset: 0 } }],
    ['jusqu’au 25 du mois', 'fr', { type: 'calendar', rule: { type: 'dayOfMonth', day: 25, monthOffset: 0 } }],
    [
      'until the 5th working day of next month',
      'en',
      { type: 'calendar', rule: { type: 'nthWorkingDayOfMonth', n: 5, monthOffset: 1 } },
    ],
    [
      'jusqu’au 5e jour ouvré du mois prochain',
      'fr',
      { type: 'calendar', rule: { type: 'nthWorkingDayOfMonth', n: 5, monthOffset: 1 } },
    ],
  ])('%j (%s)', (text, lang, spec) => expect(parseWaitPhrase(text, lang as 'en' | 'fr')).toEqual({ spec }));

  it('gives the instants people mean, in the flow timezone', async () => {
    expect(await at('tomorrow at 9:00', 'en')).toBe('2026-12-08T08:00:00.000Z');
    expect(await at('demain à 9h00', 'fr')).toBe('2026-12-08T08:00:00.000Z');
    expect(await at('demain à 9 h', 'fr')).toBe('2026-12-08T08:00:00.000Z');
    expect(await at('today at 5:30pm', 'en')).toBe('2026-12-07T16:30:00.000Z');
    expect(await at('in 3 days at 8am', 'en')).toBe('2026-12-10T07:00:00.000Z');
    expect(await at('1 minute', 'en')).toBe('2026-12-07T13:21:00.000Z');
    expect(await at('until the 25th of the month', 'en')).toBe('2026-12-25T13:20:00.000Z');
    // January 2027: Friday 1st is a holiday, so the 5th working day is Friday the 8th.
    expect(await at('until the 5th working day of next month', 'en')).toBe('2027-01-08T13:20:00.000Z');
  });

  it('reads back the time-of-day waits it writes', () => {
    const r = parseWaitPhrase('tomorrow at 9:00', 'en');
    const expr = 'spec' in r && r.spec.type === 'date' ? r.spec.expression : '';
    expect(describeDayAtTime(expr, 'en')).toBe('tomorrow at 09:00');
    expect(describeDayAtTime(expr, 'fr')).toBe('demain à 9 h 00');
    expect(describeDayAtTime('$now()', 'en')).toBeNull();
  });

  it('refuses what it cannot read, and times that do not exist', () => {
    for (const [text, lang] of [
      ['soon', 'en'],
      ['tomorrow at 25:00', 'en'],
      ['tomorrow at 13pm', 'en'],
      ['0 minutes', 'en'],
      ['2 hours 3 hours', 'en'],
      ['', 'fr'],
    ] as const)
      expect(parseWaitPhrase(text, lang)).toHaveProperty('error');
  });

  it('reads every phrase it offers as a choice', () => {
    for (const lang of ['en', 'fr'] as const)
      for (const text of WAIT_PHRASE_EXAMPLES[lang]) expect(parseWaitPhrase(text, lang)).toHaveProperty('spec');
  });
});
