import { useEffect, useId, useMemo, useState, type Ref } from 'react';
import type { VariableInfo } from '../rules/rule-builder.model.ts';
import { previewExpression, type Preview } from '../flow/flow-model-ext.ts';
import { useT } from '../i18n/i18n.ts';
import { ValueView } from '../run/value-view.tsx';
import { useColon } from '../i18n/punctuation.ts';
import { useSampleData } from './sample-data.ts';
import { currentWord, insertSuggestion, suggestVariables } from './expression-autocomplete.model.ts';

interface Props {
  label: string;
  value: string;
  onChange: (v: string) => void;
  variables: readonly VariableInfo[];
  multiline?: boolean;
  required?: boolean;
  /** Help under the field (e.g. the connector's description of an input), announced with it. */
  hint?: string;
  /** For a variable picker beside the field, which inserts at the caret. */
  inputRef?: Ref<HTMLInputElement>;
  /** Shown instead of a preview of `undefined` when the formula is a bare word naming no variable. */
  warning?: string;
}

/** A jsonata expression field: variable autocomplete (a listbox) and a live preview over sample data. */
export function ExpressionInput({ label, value, onChange, variables, required, hint, inputRef, warning }: Props) {
  const t = useT();
  const colon = useColon();
  const id = useId();
  // What the formula gives on the sample data, as the run pages show values (money formatted, never raw JSON); a
  // formula the sample data gives no value for says so in words.
  const previewOf = (v: unknown) =>
    v === undefined ? (
      t('expr.noSampleValue')
    ) : (
      <>
        {t('expr.preview')}
        {colon}
        <ValueView value={v} inline />
      </>
    );
  const sample = useSampleData((s) => s.sample);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const { start, word } = currentWord(value, caret);
  const suggestions = useMemo(() => suggestVariables(variables, word), [variables, word]);

  useEffect(() => {
    let live = true;
    if (!value.trim()) return setPreview(null);
    const timer = setTimeout(() => void previewExpression(value, sample).then((p) => live && setPreview(p)), 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, sample]);

  const accept = (v: VariableInfo) => {
    onChange(insertSuggestion(value, start, caret, v.name));
    setOpen(false);
  };
  const showList = open && suggestions.length > 0;

  return (
    <div className="field expression">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        value={value}
        required={required}
        spellCheck={false}
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${id}-opt-${active}` : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (!showList) return;
          if (e.key === 'ArrowDown') setActive((a) => (a + 1) % suggestions.length);
          else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
          else if (e.key === 'Enter' || e.key === 'Tab') accept(suggestions[active]!);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="mono"
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {showList && (
        <ul role="listbox" id={`${id}-list`} className="suggestions">
          {suggestions.map((v, i) => (
            <li
              key={v.name}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => (e.preventDefault(), accept(v))}
            >
              {v.name} <span className="muted">{v.type}</span>
            </li>
          ))}
        </ul>
      )}
      <output className={`preview ${(preview && !preview.ok) || warning ? 'error' : ''}`} aria-live="polite">
        {warning
          ? warning
          : preview
            ? preview.ok
              ? previewOf(preview.value)
              : `${t('expr.preview')}${colon}${preview.error}`
            : ''}
      </output>
    </div>
  );
}
