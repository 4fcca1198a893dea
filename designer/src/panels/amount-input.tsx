import { useEffect, useId, useState } from 'react';
import { formatAmountInput, parseAmountText } from '@ledgerflow/flow-model';
import { useLang } from '../i18n/i18n.ts';
import { useInputsT, type InputsKey } from './inputs-i18n.ts';

const REASON: Record<string, InputsKey> = {
  ambiguous: 'numberAmbiguous',
  grouping: 'amountGrouping',
  invalid: 'numberInvalid',
};

/**
 * A number typed as the user's language writes it ("15 000,00", "15.000,00" in French; "15,000.00" in English),
 * stored as the exact decimal string. What was typed stays on screen; the stored value only changes when it parses.
 */
export function AmountInput({
  value,
  onChange,
  label,
  describedBy,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  label: string;
  describedBy?: string;
}) {
  const t = useInputsT();
  const lang = useLang((s) => s.lang);
  const errorId = useId();
  const shown = (v: string | undefined) => (v ? formatAmountInput(v, lang) : '');
  const [draft, setDraft] = useState(() => shown(value));
  const [error, setError] = useState<InputsKey | null>(null);

  // Undo, another editor or a language switch: show what is stored, unless the typed text already means it.
  useEffect(() => {
    const typed = parseAmountText(draft, lang);
    if (!(typed.ok && typed.value === value) && !(draft.trim() === '' && !value)) {
      setDraft(shown(value));
      setError(null);
    }
    // Only what is stored and the language matter here, not each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, lang]);

  const onText = (text: string) => {
    setDraft(text);
    const r = parseAmountText(text, lang);
    if (r.ok) {
      setError(null);
      onChange(r.value);
    } else if (r.reason === 'empty') {
      setError(null);
      onChange(undefined);
    } else setError(REASON[r.reason] ?? 'numberInvalid');
  };

  return (
    <>
      <input
        aria-label={label}
        inputMode="decimal"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy, error ? errorId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onText(e.target.value)}
      />
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {t(error)}
        </small>
      )}
    </>
  );
}
