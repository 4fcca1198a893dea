// Run data (inputs, outputs, decisions, errors) as labelled values, never as raw JSON: money through the one money
// formatter, numbers and dates in the user's language, nested objects as nested lists. Text from data stays text.
import { formatMoneyOrMissing } from '@ledgerflow/flow-model';
import { useLang, type Lang } from '../i18n/i18n.ts';

const MAX_DEPTH = 5;
/** An ISO instant as the engine writes them (2026-12-07T09:30:00.000Z), told apart without a regex. */
const isInstant = (v: string) =>
  v.length >= 20 &&
  v.length <= 35 &&
  v[4] === '-' &&
  v[10] === 'T' &&
  (v.endsWith('Z') || v[v.length - 3] === ':') &&
  !Number.isNaN(Date.parse(v));

/** A money value as the flow model stores it: { amount, currency } and nothing else. */
export function isMoneyValue(v: unknown): v is { amount: string | number; currency: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const m = v as Record<string, unknown>;
  return (
    keys.length === 2 &&
    (typeof m.amount === 'string' || typeof m.amount === 'number') &&
    typeof m.currency === 'string' &&
    /^[A-Z]{3}$/.test(m.currency)
  );
}

function scalar(v: unknown, lang: Lang): string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return new Intl.NumberFormat(locale).format(v);
  if (typeof v === 'boolean') return lang === 'fr' ? (v ? 'oui' : 'non') : v ? 'yes' : 'no';
  if (typeof v === 'string' && isInstant(v))
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v));
  return String(v);
}

function Value({ value, depth, lang }: { value: unknown; depth: number; lang: Lang }) {
  if (isMoneyValue(value))
    return <span className="money">{formatMoneyOrMissing(String(value.amount), value.currency, lang)}</span>;
  if (value === null || typeof value !== 'object') return <span>{scalar(value, lang)}</span>;
  if (depth >= MAX_DEPTH) return <span>…</span>;
  if (Array.isArray(value)) {
    if (!value.length) return <span>—</span>;
    return (
      <ol className="value-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} depth={depth + 1} lang={lang} />
          </li>
        ))}
      </ol>
    );
  }
  const entries = Object.entries(value);
  if (!entries.length) return <span>—</span>;
  return (
    <dl className="value-map">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <Value value={v} depth={depth + 1} lang={lang} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** `inline`: inside a line of text (a formula's preview), where a block would break the sentence. */
export function ValueView({ value, inline }: { value: unknown; inline?: boolean }) {
  const lang = useLang((s) => s.lang);
  const Wrapper = inline ? 'span' : 'div';
  return (
    <Wrapper className={inline ? 'value-view inline' : 'value-view'}>
      <Value value={value} depth={0} lang={lang} />
    </Wrapper>
  );
}
