// Creates a letter as a draft: a new one (name, language, tone), or another language or tone of the letter being
// edited, starting from its text. Opens the new letter's editor; nothing sends it before it is published.
import { useId, useState } from 'react';
import { useLang } from '../../i18n/i18n.ts';
import { lettersApi } from './letters-api.ts';
import { useLettersT } from './letters-i18n.ts';

// Offered as suggestions; any ISO 639-1 code is accepted (the API refuses others with its own message).
const SUGGESTED = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt'];

/** The language's name in the user's language; '' for anything not yet a code (Intl throws on some). */
function languageName(names: Intl.DisplayNames, code: string): string {
  if (!/^[a-z]{2}$/.test(code)) return '';
  try {
    return names.of(code) ?? '';
  } catch {
    return '';
  }
}

/** `variantOf`: the letter whose name the new one takes and whose text it starts from. */
export function NewLetterForm({ variantOf }: { variantOf?: { id: string; name: string } }) {
  const t = useLettersT();
  const lang = useLang((s) => s.lang);
  const id = useId();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('');
  const [tone, setTone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await lettersApi.create({
        name: variantOf?.name ?? name,
        language,
        ...(tone.trim() ? { tone: tone.trim() } : {}),
        ...(variantOf ? { from: variantOf.id } : {}),
      });
      location.hash = `#/letters/${created.id}`;
    } catch (err) {
      setError(t('failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="new-letter"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>{variantOf ? t('newVariant') : t('newLetter')}</h2>
      <p className="muted">{variantOf ? t('newVariantHelp') : t('newLetterHelp')}</p>
      {!variantOf && (
        <label>
          {t('name')} <input value={name} onChange={(e) => setName(e.target.value)} required spellCheck={false} />
        </label>
      )}{' '}
      <label>
        {t('newLanguage')}{' '}
        <input
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          list={`${id}-languages`}
          required
          size={4}
          spellCheck={false}
          aria-describedby={`${id}-language-hint`}
        />
      </label>
      <datalist id={`${id}-languages`}>
        {SUGGESTED.map((code) => (
          <option key={code} value={code}>
            {languageName(names, code)}
          </option>
        ))}
      </datalist>{' '}
      <label>
        {t('tone')} <input value={tone} onChange={(e) => setTone(e.target.value)} spellCheck={false} />
      </label>{' '}
      <button type="submit" disabled={busy}>
        {t('create')}
      </button>
      <small id={`${id}-language-hint`} className="muted">
        {' '}
        {t('languageHint', { language: languageName(names, language.trim().toLowerCase()) })}
      </small>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
