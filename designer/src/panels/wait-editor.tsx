import { useEffect, useId, useState } from 'react';
import type { WaitSpec } from '@ledgerflow/flow-model';
import { useLang, useT } from '../i18n/i18n.ts';
import { useFlow } from '../canvas/editor-context.ts';
import { computeWaitUntil } from '@ledgerflow/flow-model';
import { describeWait, parseWaitText } from './wait-text.ts';

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
  const [text, setText] = useState(() => (value?.type === 'calendar' ? describeWait(value, lang) : ''));
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
    if ('rule' in r) {
      setError(null);
      onChange({ type: 'calendar', rule: r.rule });
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
          aria-invalid={!!error}
          aria-describedby={`${id}-help`}
        />
        <p id={`${id}-help`} className={error ? 'field-error' : 'muted'} aria-live="polite">
          {error ?? (value ? describeWait(value, lang) : '')}
        </p>
      </div>
      {value && value.type !== 'calendar' && <p className="muted">{describeWait(value, lang)}</p>}
      {next && (
        <p>
          {t('wait.next')}: <strong>{next}</strong>
        </p>
      )}
    </fieldset>
  );
}
