import type { ValueKind } from '../rules/rule-builder.model.ts';

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
          <input
            aria-label={label}
            inputMode="decimal"
            value={m.amount ?? ''}
            onChange={(e) => onChange({ ...m, amount: e.target.value.replace(',', '.') })}
          />
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
        <input
          aria-label={label}
          inputMode="decimal"
          value={typeof value === 'string' ? value : String(value ?? '')}
          onChange={(e) => onChange(e.target.value.replace(',', '.'))}
        />
      );
    case 'number':
    case 'days':
      return (
        <input
          aria-label={label}
          type="number"
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'date':
      return (
        <input
          aria-label={label}
          type="date"
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => onChange(e.target.value)}
        />
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
