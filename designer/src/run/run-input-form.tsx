import { useState } from 'react';
import type { VariableDecl, VariableType } from '@ledgerflow/flow-model';
import { AmountInput } from '../panels/amount-input.tsx';
import { DateField } from '../shell/date-field.tsx';
import { useRunInputT } from './run-input-i18n.ts';

type Input = Record<string, unknown>;
interface Field {
  name: string;
  type: VariableType;
  required: boolean;
}
interface MoneyValue {
  amount?: string;
  currency?: string;
}

const isMoney = (v: unknown): v is MoneyValue =>
  !!v && typeof v === 'object' && !Array.isArray(v) && 'amount' in v && 'currency' in v;

/** The flow's declared input variables; a flow that declares none is typed from its sample's keys. */
export function runInputFields(variables: readonly VariableDecl[], sample: Input): Field[] {
  if (variables.length > 0) return variables.map((v) => ({ name: v.name, type: v.type, required: !!v.required }));
  return Object.entries(sample).map(([name, v]) => ({
    name,
    required: false,
    type: isMoney(v) ? 'money' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string',
  }));
}

/** What the form holds, as the run input the API takes: money as exact decimal strings with their currency. */
function FieldInput({
  field,
  value,
  currency,
  onChange,
}: {
  field: Field;
  value: unknown;
  currency: string;
  onChange: (v: unknown) => void;
}) {
  const t = useRunInputT();
  const id = `run-input-${field.name}`;
  const label = `${field.name}${field.required ? ' *' : ''}`;
  switch (field.type) {
    case 'money': {
      const m = isMoney(value) ? value : {};
      const cur = m.currency ?? currency;
      return (
        <div className="row">
          <AmountInput
            label={label}
            value={m.amount}
            onChange={(amount) => onChange(amount === undefined ? undefined : { amount, currency: cur })}
          />
          <input
            aria-label={t('currency', { field: field.name })}
            maxLength={3}
            size={4}
            value={cur}
            onChange={(e) => onChange({ amount: m.amount ?? '0', currency: e.target.value.toUpperCase() })}
          />
        </div>
      );
    }
    case 'number':
    case 'decimal':
      // A decimal stays an exact string; a number is what the flow declared, so it goes as a JSON number.
      return (
        <AmountInput
          label={label}
          value={value === undefined ? undefined : String(value)}
          onChange={(v) => onChange(v === undefined ? undefined : field.type === 'number' ? Number(v) : v)}
        />
      );
    case 'boolean':
      return (
        <input
          id={id}
          aria-label={label}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'date':
      return (
        <DateField
          id={id}
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v || undefined)}
        />
      );
    case 'datetime':
      // The browser's local time, sent with its offset as an instant.
      return (
        <DateField
          kind="datetime"
          id={id}
          aria-label={label}
          value={typeof value === 'string' ? value.slice(0, 16) : ''}
          onChange={(v) => onChange(v ? new Date(v).toISOString() : undefined)}
        />
      );
    default:
      return (
        <input
          id={id}
          aria-label={label}
          value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
  }
}

/**
 * The run input as a form typed from the flow's input variables (money and numbers read in the user's language,
 * "18 250,00" in French), with a JSON view kept for integrators. `onChange` gets the input object, or null while
 * the JSON typed does not parse (the form view is then locked until it does).
 */
export function RunInputForm({
  fields,
  value,
  currency,
  onChange,
  legend,
  jsonId = 'run-input',
}: {
  fields: Field[];
  value: Input;
  currency: string;
  onChange: (v: Input | null) => void;
  /** The fieldset's legend when the form is not a run's input (the designer's sample data). */
  legend?: string;
  jsonId?: string;
}) {
  const t = useRunInputT();
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState(false);
  const setField = (name: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  const onJson = (text: string) => {
    setJson(text);
    try {
      const v = JSON.parse(text) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      setJsonError(false);
      onChange(v as Input);
    } catch {
      setJsonError(true);
      onChange(null);
    }
  };
  return (
    <fieldset className="run-input">
      <legend>{legend ?? t('legend')}</legend>
      <div role="group" aria-label={t('viewGroup')} className="row">
        <button type="button" aria-pressed={json === null} disabled={jsonError} onClick={() => setJson(null)}>
          {t('asForm')}
        </button>
        <button type="button" aria-pressed={json !== null} onClick={() => setJson(JSON.stringify(value, null, 2))}>
          {t('asJson')}
        </button>
      </div>
      {json !== null ? (
        <>
          <textarea
            id={jsonId}
            aria-label={t('asJson')}
            className="mono"
            rows={8}
            value={json}
            onChange={(e) => onJson(e.target.value)}
          />
          {jsonError && (
            <small className="field-error" role="alert">
              {t('jsonInvalid')}
            </small>
          )}
        </>
      ) : fields.length === 0 ? (
        <p className="muted">{t('noFields')}</p>
      ) : (
        fields.map((f) => (
          <div className="field" key={f.name}>
            {/* Each control carries its own accessible name (the amount input has no id to point a label at). */}
            <span className="label" aria-hidden="true">
              {f.name}
              {f.required ? ' *' : ''}
            </span>
            <FieldInput field={f} value={value[f.name]} currency={currency} onChange={(v) => setField(f.name, v)} />
          </div>
        ))
      )}
    </fieldset>
  );
}
