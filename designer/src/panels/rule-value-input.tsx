import type { ValueKind } from '../rules/rule-builder.model.ts';
import { AmountInput } from './amount-input.tsx';
import { DateField } from '../shell/date-field.tsx';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'SEK', 'NOK', 'DKK', 'PLN'];

/** One input per value kind; amounts stay strings so no float ever touches money. */
export function RuleValueInput({
  kind,
  value,
  onChange,
  label,
}: {
  kind: ValueKind;
  value: unknown;
  onChange: (v: unknown) => void;
  label: string;
}) {
  switch (kind) {
    case 'none':
      return null;
    case 'money': {
      const m = (value ?? {}) as { amount?: string; currency?: string };
      return (
        <span className="money-input">
          <AmountInput label={label} value={m.amount} onChange={(amount) => onChange({ ...m, amount })} />
          <select
            aria-label={`${label} currency`}
            value={m.currency ?? 'EUR'}
            onChange={(e) => onChange({ ...m, currency: e.target.value })}
          >
            {[...new Set([m.currency ?? 'EUR', ...CURRENCIES])].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </span>
      );
    }
    case 'decimal':
      return (
        <AmountInput
          label={label}
          value={typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value)}
          onChange={onChange}
        />
      );
    case 'number':
    case 'days':
      return (
        <AmountInput
          label={label}
          value={typeof value === 'number' ? String(value) : undefined}
          onChange={(v) => onChange(v === undefined ? null : Number(v))}
        />
      );
    case 'date':
      return (
        <DateField aria-label={label} value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={onChange} />
      );
    case 'boolean':
      return (
        <select aria-label={label} value={String(value)} onChange={(e) => onChange(e.target.value === 'true')}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    case 'list':
      return (
        <input
          aria-label={label}
          placeholder="a, b, c"
          value={Array.isArray(value) ? value.join(', ') : ''}
          onChange={(e) =>
            onChange(
              e.target.value
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
      );
    default:
      return (
        <input
          aria-label={label}
          value={typeof value === 'string' ? value : String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
