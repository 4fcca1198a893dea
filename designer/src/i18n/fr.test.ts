import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { INPUTS_STRINGS } from '../panels/inputs-i18n.ts';
import { statusLabel, priorityLabel } from './status-labels.ts';
import { colon } from './punctuation.ts';

// French sets a space (no-break or narrow no-break) before : ; ? and !. URLs and `{placeholders}` are not prose.
const NO_SPACE_BEFORE = /[^\s\u00a0\u202f][:;?!]/;
const prose = (s: string) => s.replace(/https?:\/\/\S+/g, '').replace(/\{[^}]*\}/g, 'x');

/** Words French spells as English does (and names): the same text is the translation. */
const SAME_IN_FRENCH = new Set([
  'vartype.date',
  'app.title', // the product's name
  'nav.audit',
  'editor.versions',
  'group.actions',
  'group.structure',
  'kind.trigger.webhook',
  'kind.action',
  'props.action',
  'rule.variable',
  'task.description',
  'versions.active',
  'dates.minutes',
  'dates.amPm',
]);

function problems(enDict: Record<string, string>, frDict: Record<string, string>, same: Set<string>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(frDict)) {
    if (NO_SPACE_BEFORE.test(prose(v))) out.push(`${k}: no space before the punctuation in "${v}"`);
    if (v === enDict[k] && !same.has(k)) out.push(`${k}: "${v}" is the English text`);
  }
  return out;
}

describe('French wording', () => {
  it('puts a space before : ; ? ! and translates every string of the main dictionary', () => {
    expect(problems(en, fr, SAME_IN_FRENCH)).toEqual([]);
  });

  it('does the same for the action inputs, connections and problems strings', () => {
    expect(problems(INPUTS_STRINGS.en, INPUTS_STRINGS.fr, new Set())).toEqual([]);
  });

  it('calls the inbox a Boîte de réception, not a Corbeille (trash)', () => {
    expect(fr['nav.inbox']).toBe('Boîte de réception');
    expect(Object.values(fr).join(' ')).not.toMatch(/corbeille/i);
  });

  it('translates statuses, priorities and the flow settings labels, and spaces colons built in the page', () => {
    expect(statusLabel('needs_attention', 'fr')).toBe('à traiter');
    expect(statusLabel('completed', 'fr')).toBe('terminée');
    expect(priorityLabel('urgent', 'fr')).toBe('urgente');
    expect(statusLabel('completed', 'en')).toBe('completed');
    expect([fr['settings.timezone'], fr['settings.calendar'], fr['settings.currency']]).toEqual([
      'Fuseau horaire',
      'Calendrier',
      'Devise',
    ]);
    expect(colon('fr')).toBe('\u202f: ');
    expect(colon('en')).toBe(': ');
  });

  it('catches what it is meant to catch', () => {
    const bad = { a: 'Statut: ouvert', b: 'Settings', c: 'Voir https://x.example:8080 : ici', d: 'Prêt ?' };
    expect(problems({ a: '', b: 'Settings', c: '', d: '' }, bad, new Set())).toEqual([
      'a: no space before the punctuation in "Statut: ouvert"',
      'b: "Settings" is the English text',
    ]);
  });
});
