import { useEffect, useId, useRef, useState } from 'react';
import { isFixedInput, isTemplateText, renderTemplate, type ActionInput } from '@ledgerflow/flow-model';
import type { VariableInfo } from '../rules/rule-builder.model.ts';
import { ExpressionInput } from './expression-input.tsx';
import { RuleValueInput } from './rule-value-input.tsx';
import { DateField } from '../shell/date-field.tsx';
import { useInputsT, type InputsKey } from './inputs-i18n.ts';
import { useSampleData } from './sample-data.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { useColon } from '../i18n/punctuation.ts';
import {
  bareWordHint,
  enumOptions,
  fixedKind,
  fixedText,
  inputMode,
  insertAt,
  parseFixed,
  toggleMode,
  variableToken,
  type InputMode,
  type InputSchema,
} from './action-inputs.model.ts';

interface Props {
  /** The input's property name: the problem list focuses the field through it. */
  name: string;
  label: string;
  hint?: string;
  schema?: InputSchema;
  required?: boolean;
  input: ActionInput | undefined;
  onChange: (v: ActionInput | undefined) => void;
  variables: readonly VariableInfo[];
}

type TextTarget = HTMLInputElement | HTMLTextAreaElement;

const ERROR_TEXT: Record<string, InputsKey> = {
  json: 'jsonInvalid',
  number: 'numberInvalid',
  numberAmbiguous: 'numberAmbiguous',
};

/** One action input: a fixed value typed by its schema (the default), or a jsonata formula, as n8n offers. */
export function ActionInputField({ name, label, hint, schema, required, input, onChange, variables }: Props) {
  const t = useInputsT();
  const lang = useLang((s) => s.lang);
  const id = useId();
  const [mode, setMode] = useState<InputMode>(() => inputMode(input));
  const kind = fixedKind(schema);
  const fixed = isFixedInput(input) ? input.value : undefined;
  const [draft, setDraft] = useState(() => fixedText(kind, fixed));
  const [error, setError] = useState<string | undefined>();
  const textRef = useRef<TextTarget | null>(null);
  const formula = typeof input === 'string' ? input : '';

  // Undo, redo or a paste change the input from outside: show what is stored, unless the text typed already means it
  // ("a,b" and "a, b" are the same list) or is still being fixed (invalid JSON).
  const stored = JSON.stringify(fixed) ?? '';
  useEffect(() => {
    if (input !== undefined && inputMode(input) !== mode) setMode(inputMode(input));
    if (error) return;
    const typed = parseFixed(kind, draft, schema, lang).value;
    if ((JSON.stringify(typed) ?? '') !== stored) setDraft(fixedText(kind, fixed));
    // Only a change of what is stored matters here, not each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored, typeof input]);

  const switchTo = (to: InputMode) => {
    if (to === mode) return;
    const next = toggleMode(input, to);
    setMode(to);
    setDraft(fixedText(kind, isFixedInput(next) ? next.value : undefined));
    setError(undefined);
    onChange(next);
  };
  const setFixedText = (text: string) => {
    setDraft(text);
    const r = parseFixed(kind, text, schema, lang);
    setError(r.error);
    if (!r.error) onChange(r.value === undefined ? undefined : { value: r.value });
  };
  const insertVariable = (path: string) => {
    const el = textRef.current;
    const current = mode === 'formula' ? formula : draft;
    const at = el ? [el.selectionStart ?? current.length, el.selectionEnd ?? current.length] : [current.length];
    const r = insertAt(current, at[0]!, at[1] ?? at[0]!, variableToken(mode, path));
    if (mode === 'formula') onChange(r.text || undefined);
    else setFixedText(r.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(r.caret, r.caret);
    });
  };
  // Only text takes `{{ }}`: a number or a date typed as a fixed value cannot hold a placeholder.
  const canInsert = mode === 'formula' || kind === 'text' || kind === 'json';

  return (
    <div className="field action-input" data-field={`inputs/${name}`}>
      <div className="input-mode" role="group" aria-label={t('modeGroup', { field: label })}>
        {(['fixed', 'formula'] as const).map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => switchTo(m)}>
            {t(m)}
          </button>
        ))}
        {canInsert && (
          <select
            data-picker
            aria-label={t('insertVariableIn', { field: label })}
            value=""
            onChange={(e) => e.target.value && insertVariable(e.target.value)}
          >
            <option value="">{variables.length ? t('insertVariable') : t('noVariables')}</option>
            {variables.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name} ({v.type})
              </option>
            ))}
          </select>
        )}
      </div>
      {mode === 'formula' ? (
        <ExpressionInput
          label={label}
          hint={hint}
          value={formula}
          onChange={(v) => onChange(v === '' ? undefined : v)}
          variables={variables}
          required={required}
          inputRef={(el) => void (textRef.current = el)}
          warning={bareWordHint(formula, variables) ? t('bareWord') : undefined}
        />
      ) : (
        <>
          {kind === 'money' ? <span className="label">{label}</span> : <label htmlFor={id}>{label}</label>}
          <FixedEditor
            id={id}
            kind={kind}
            schema={schema}
            value={fixed}
            draft={draft}
            required={required}
            describedBy={hint || error || kind === 'list' ? `${id}-hint` : undefined}
            onText={setFixedText}
            onValue={(v) => onChange(v === undefined ? undefined : { value: v })}
            textRef={textRef}
            label={label}
          />
          {isTemplateText(fixed) && <TextPreview text={fixed} />}
          {(hint || error || kind === 'list') && (
            <small id={`${id}-hint`} className={error ? 'error' : 'muted'}>
              {error ? t(ERROR_TEXT[error] ?? 'numberInvalid') : (hint ?? t('listHint'))}
            </small>
          )}
        </>
      )}
    </div>
  );
}

interface EditorProps {
  id: string;
  kind: ReturnType<typeof fixedKind>;
  schema?: InputSchema;
  value: unknown;
  draft: string;
  required?: boolean;
  describedBy?: string;
  label: string;
  onText: (text: string) => void;
  onValue: (v: unknown) => void;
  textRef: { current: TextTarget | null };
}

function FixedEditor({
  id,
  kind,
  schema,
  value,
  draft,
  required,
  describedBy,
  label,
  onText,
  onValue,
  textRef,
}: EditorProps) {
  const t = useInputsT();
  const common = { id, required, 'aria-describedby': describedBy };
  switch (kind) {
    case 'enum':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onText(e.target.value)}>
          <option value="">{t('choose')}</option>
          {(enumOptions(schema ?? {}) ?? []).map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onText(e.target.value)}>
          <option value="">{t('choose')}</option>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      );
    case 'money':
      return <RuleValueInput kind="money" value={value} label={label} onChange={onValue} />;
    case 'date':
    case 'datetime':
      return <DateField {...common} kind={kind} value={draft} onChange={onText} />;
    case 'json':
      return (
        <textarea
          {...common}
          className="mono"
          rows={4}
          spellCheck={false}
          ref={(el) => void (textRef.current = el)}
          value={draft}
          onChange={(e) => onText(e.target.value)}
        />
      );
    default:
      return (
        <input
          {...common}
          inputMode={kind === 'number' ? 'decimal' : undefined}
          spellCheck={false}
          ref={(el) => void (textRef.current = el)}
          value={draft}
          onChange={(e) => onText(e.target.value)}
        />
      );
  }
}

/** Fixed text with `{{ }}` placeholders, rendered over the sample data as the run would. */
function TextPreview({ text }: { text: string }) {
  const t = useT();
  const colon = useColon();
  const sample = useSampleData((x) => x.sample);
  const [shown, setShown] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () =>
        void renderTemplate(text, sample).then(
          (r) => live && setShown({ ok: true, text: r }),
          (e: unknown) => live && setShown({ ok: false, text: (e as Error).message }),
        ),
      200,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, sample]);
  return (
    <output className={`preview ${shown && !shown.ok ? 'error' : ''}`} aria-live="polite">
      {shown ? `${t('expr.preview')}${colon}${shown.text}` : ''}
    </output>
  );
}
