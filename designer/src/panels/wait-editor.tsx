import { useEffect, useId, useState } from 'react';
import type { WaitSpec } from '@ledgerflow/flow-model';
import { useLang, useT } from '../i18n/i18n.ts';
import { useFlow } from '../canvas/editor-context.ts';
import { computeWaitUntil, describeDayAtTime, WAIT_PHRASE_EXAMPLES } from '@ledgerflow/flow-model';
import { describeWait, parseWaitText } from './wait-text.ts';
import { Colon } from '../i18n/colon.tsx';

async function nextWaitDate(spec: WaitSpec, opts: { calendar: string; timezone: string }): Promise<Date | null> {
  try {
    return await computeWaitUntil(spec, new Date(), opts);
  } catch {
    return null;
  }
}

interface Props {
  label: string;
  value: WaitSpec | undefined;
  onChange: (v: WaitSpec | undefined) => void;
  optional?: boolean;
}

/** Waits are typed in plain words ("3 working days") and parsed by flow-model; the next date is shown live. */
export function WaitEditor({ label, value, onChange, optional }: Props) {
  const t = useT();
  const id = useId();
  const lang = useLang((s) => s.lang);
  const settings = useFlow((s) => s.meta.settings);
  // A wait typed in words reads back as words; a hand-written date formula is shown below instead of in the box.
  const typedInWords = (v: WaitSpec | undefined) =>
    !!v && (v.type !== 'date' || describeDayAtTime(v.expression) !== null);
  const [text, setText] = useState(() => (typedInWords(value) ? describeWait(value, lang) : ''));
  const [error, setError] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (!value) return setNext(null);
    void nextWaitDate(value, {
      calendar: settings?.calendar ?? 'FR',
      timezone: settings?.timezone ?? 'Europe/Paris',
    }).then((d) => {
      if (live)
        setNext(
          d
            ? d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
                dateStyle: 'full',
                timeStyle: 'short',
                timeZone: settings?.timezone ?? 'Europe/Paris',
              })
            : null,
        );
    });
    return () => {
      live = false;
    };
  }, [value, settings, lang]);

  const onText = (s: string) => {
    setText(s);
    if (!s.trim()) {
      setError(null);
      if (optional) onChange(undefined);
      return;
    }
    const r = parseWaitText(s, lang);
    if ('spec' in r) {
      setError(null);
      onChange(r.spec);
    } else setError(t('wait.unparsed'));
  };

  return (
    <fieldset className="wait-editor">
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={id}>{t('wait.rule')}</label>
        <input
          id={id}
          value={text}
          onChange={(e) => onText(e.target.value)}
          placeholder={lang === 'fr' ? '3 jours ouvrés' : '3 working days'}
          list={`${id}-choices`}
          aria-invalid={!!error}
          aria-describedby={`${id}-help`}
        />
        <p id={`${id}-help`} className={error ? 'field-error' : 'muted'} aria-live="polite">
          {error ?? (value ? describeWait(value, lang) : '')}
        </p>
      </div>
      {/* Choices people can pick instead of typing; each is a phrase the parser reads. */}
      <datalist id={`${id}-choices`}>
        {WAIT_PHRASE_EXAMPLES[lang].map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {value && !typedInWords(value) && <p className="muted">{describeWait(value, lang)}</p>}
      {next && (
        <p>
          {t('wait.next')}
          <Colon />
          <strong>{next}</strong>
        </p>
      )}
    </fieldset>
  );
}
