// Checks for a new letter or a new language/tone of one: each refusal names what to fix, with its own code.
import { LedgerflowError } from '@ledgerflow/flow-model';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Intl knows the ISO 639-1 languages; 'zz' or 'xx' are well formed but name none.
const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

const refuse = (code: string, message: string, details: Record<string, unknown>) =>
  new LedgerflowError(code, message, { status: 400, details });

export interface NewLetterKey {
  name: string;
  language: string;
  tone: string;
}

/** The letter's key as stored (language in lowercase, no tone as ''), or a 400 naming the part that is wrong. */
export function checkNewLetter(input: { name: string; language: string; tone?: string }): NewLetterKey {
  const name = input.name.trim();
  const language = input.language.trim().toLowerCase();
  const tone = (input.tone ?? '').trim();
  if (!SLUG.test(name))
    throw refuse('LETTER_NAME_INVALID', `'${name}' is not a letter name: lowercase words joined by dashes`, { name });
  if (!/^[a-z]{2}$/.test(language) || !LANGUAGES.of(language))
    throw refuse('LETTER_LANGUAGE_INVALID', `'${input.language}' is not a two-letter ISO 639-1 language code`, {
      language: input.language,
    });
  if (tone !== '' && !SLUG.test(tone))
    throw refuse('LETTER_TONE_INVALID', `'${tone}' is not a tone: lowercase words joined by dashes`, { tone });
  return { name, language, tone };
}
