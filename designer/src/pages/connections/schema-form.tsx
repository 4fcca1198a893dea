// A small form generated from a connector's JSON Schema (flat objects: strings, numbers, booleans, enums;
// anything else is edited as JSON). Secret fields are password inputs that are never pre-filled.
import { useState } from 'react';
import type { JsonSchema } from '@ledgerflow/flow-model';
import { useConnectionsT } from './connections-i18n.ts';

interface Prop {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  anyOf?: Array<{ const?: unknown; type?: string }>;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  format?: string;
}

/** "maxAttachmentBytes" → "Max attachment bytes". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .replace(/\b(tls|url|id|smtp|api|sap|http)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function properties(schema: JsonSchema | undefined): Array<[string, Prop]> {
  const props = (schema?.properties ?? {}) as Record<string, Prop>;
  return Object.entries(props);
}
export function requiredOf(schema: JsonSchema | undefined): string[] {
  return Array.isArray(schema?.required) ? (schema.required as string[]) : [];
}
/** Starting values for a new connection: the schema's defaults. */
export function defaultsOf(schema: JsonSchema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of properties(schema)) if (p.default !== undefined) out[k] = p.default;
  return out;
}
function typeOf(p: Prop): string {
  const t = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  if (t) return t;
  if (p.anyOf?.every((a) => a.const !== undefined)) return 'enum';
  return 'json';
}
function options(p: Prop): unknown[] | null {
  if (Array.isArray(p.enum)) return p.enum;
  if (p.anyOf?.length && p.anyOf.every((a) => a.const !== undefined)) return p.anyOf.map((a) => a.const);
  return null;
}

export const fieldId = (prefix: string, key: string) => `${prefix}-${key}`;

interface Props {
  schema: JsonSchema;
  /** "config" or "secrets": the section of the body, matching the server's problem paths (/config/port). */
  section: string;
  value: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  /** Messages per property name, shown next to the field. */
  errors: Record<string, string[]>;
  /** Secret mode: password inputs; the names already stored show "set" with a "Replace" button. */
  secret?: { stored: string[] };
}

export function SchemaFields({ schema, section, value, onChange, errors, secret }: Props) {
  const t = useConnectionsT();
  const [replacing, setReplacing] = useState<Record<string, boolean>>({});
  const [jsonText, setJsonText] = useState<Record<string, string>>({});
  const [jsonBad, setJsonBad] = useState<Record<string, boolean>>({});
  const required = requiredOf(schema);
  const set = (k: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[k];
    else next[k] = v;
    onChange(next);
  };

  return (
    <div className="schema-fields">
      {properties(schema).map(([key, p]) => {
        const id = fieldId(section, key);
        const label = p.title ?? humanize(key);
        const req = required.includes(key);
        const errs = [...(errors[key] ?? []), ...(jsonBad[key] ? [t('invalidJson')] : [])];
        const descId = p.description ? `${id}-desc` : undefined;
        const errId = errs.length ? `${id}-err` : undefined;
        const describedBy = [descId, errId].filter(Boolean).join(' ') || undefined;
        const common = {
          id,
          name: `${section}.${key}`,
          'aria-invalid': errs.length ? true : undefined,
          'aria-describedby': describedBy,
          'aria-required': req || undefined,
        };
        const type = typeOf(p);
        const opts = options(p);
        let control;
        if (secret) {
          const stored = secret.stored.includes(key);
          if (stored && !replacing[key]) {
            control = (
              <span className="secret-state">
                <span className="status done" id={id} data-testid={`secret-${key}`}>
                  {t('set')}
                </span>
                <button
                  type="button"
                  onClick={() => setReplacing({ ...replacing, [key]: true })}
                  aria-label={`${t('replace')} — ${label}`}
                >
                  {t('replace')}
                </button>
              </span>
            );
          } else {
            control = (
              <span className="secret-state">
                {!stored && (
                  <span className="status" data-testid={`secret-${key}`}>
                    {t('notSet')}
                  </span>
                )}
                <input
                  {...common}
                  type="password"
                  autoComplete="new-password"
                  value={typeof value[key] === 'string' ? (value[key] as string) : ''}
                  onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
                />
                {stored && (
                  <button
                    type="button"
                    onClick={() => {
                      setReplacing({ ...replacing, [key]: false });
                      set(key, undefined);
                    }}
                  >
                    {t('keep')}
                  </button>
                )}
              </span>
            );
          }
        } else if (opts) {
          control = (
            <select
              {...common}
              value={value[key] === undefined ? '' : String(value[key])}
              onChange={(e) =>
                set(key, e.target.value === '' ? undefined : opts.find((o) => String(o) === e.target.value))
              }
            >
              <option value="">—</option>
              {opts.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else if (type === 'boolean') {
          control = (
            <input
              {...common}
              type="checkbox"
              checked={value[key] === true}
              onChange={(e) => set(key, e.target.checked)}
            />
          );
        } else if (type === 'integer' || type === 'number') {
          control = (
            <input
              {...common}
              type="number"
              inputMode="numeric"
              step={type === 'integer' ? 1 : 'any'}
              min={p.minimum}
              max={p.maximum}
              value={typeof value[key] === 'number' ? String(value[key]) : ''}
              onChange={(e) =>
                set(
                  key,
                  e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber,
                )
              }
            />
          );
        } else if (type === 'string') {
          control = (
            <input
              {...common}
              type={p.format === 'uri' ? 'url' : 'text'}
              value={typeof value[key] === 'string' ? (value[key] as string) : ''}
              onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
            />
          );
        } else {
          // objects, arrays, unions: JSON text, applied when it parses
          const text = jsonText[key] ?? (value[key] === undefined ? '' : JSON.stringify(value[key], null, 2));
          control = (
            <textarea
              {...common}
              rows={3}
              className="mono"
              value={text}
              onChange={(e) => {
                const s = e.target.value;
                setJsonText({ ...jsonText, [key]: s });
                try {
                  set(key, s.trim() === '' ? undefined : JSON.parse(s));
                  setJsonBad({ ...jsonBad, [key]: false });
                } catch {
                  setJsonBad({ ...jsonBad, [key]: true });
                }
              }}
            />
          );
        }
        return (
          <div
            className={`schema-field${errs.length ? ' invalid' : ''}${type === 'boolean' && !secret ? ' check' : ''}`}
            key={key}
          >
            <label htmlFor={id}>
              {label}
              {req && <span className="muted"> ({t('required')})</span>}
            </label>
            {control}
            {p.description && (
              <small id={descId} className="muted">
                {p.description}
              </small>
            )}
            {secret && secret.stored.includes(key) && replacing[key] && (
              <small className="muted">{t('secretHint')}</small>
            )}
            {errs.length > 0 && (
              <span id={errId} className="field-error">
                {errs.join(' · ')}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
