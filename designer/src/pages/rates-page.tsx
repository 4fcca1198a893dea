// Company currency, timezone and exchange rates (admins): what the worklist rank converts task amounts with, and
// the zone whose midnights bound the ledger KPIs' days.
import { useState, type FormEvent } from 'react';
import { CURRENCY_PATTERN } from '@ledgerflow/flow-model';
import { ApiError } from '../api/client.ts';
import { useAsync } from '../shell/use-async.ts';
import { ratesApi, type RatesView } from './rates/rates-api.ts';
import { useRatesT } from './rates/rates-i18n.ts';
import { EcbRatesSection } from './rates/ecb-rates-section.tsx';
import { useDateFormat } from '../i18n/format-date.ts';

type Row = { currency: string; rate: string; updatedAt?: string; updatedBy?: string | null };

/** The browser's IANA zones, with the saved one kept even when this browser spells it differently (an old alias). */
function zoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

function RatesForm({ initial }: { initial: RatesView }) {
  const t = useRatesT();
  const dates = useDateFormat();
  const [company, setCompany] = useState(initial.companyCurrency);
  const [timezone, setTimezone] = useState(initial.timezone);
  const [rows, setRows] = useState<Row[]>(initial.rates);
  const [message, setMessage] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((cur) => cur.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const saved = await ratesApi.save({
        companyCurrency: company.trim().toUpperCase(),
        timezone,
        rates: rows.map((r) => ({ currency: r.currency.trim().toUpperCase(), rate: r.rate.trim() })),
      });
      setCompany(saved.companyCurrency);
      setTimezone(saved.timezone);
      setRows(saved.rates);
      setMessage({ ok: true, lines: [t('saved')] });
    } catch (err) {
      const problems = err instanceof ApiError ? err.problems : [];
      const lines = problems.map((p) => {
        const row = /^\/rates\/(\d+)/.exec(p.path)?.[1];
        return row === undefined ? p.message : t('problem', { row: String(Number(row) + 1), message: p.message });
      });
      setMessage({ ok: false, lines: [t('failed', { message: (err as Error).message }), ...lines] });
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <label>
        {t('companyCurrency')}{' '}
        <input
          value={company}
          onChange={(e) => setCompany(e.target.value)}
          pattern={CURRENCY_PATTERN.slice(1, -1)}
          maxLength={3}
          size={4}
          required
        />
      </label>{' '}
      <label>
        {t('timezone')}{' '}
        <select value={timezone} onChange={(e) => setTimezone(e.target.value)} required>
          {zoneChoices(timezone).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t('timezoneHint')}</p>
      {rows.length === 0 && <p>{t('none')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('currency')}</th>
            <th scope="col">{t('rate')}</th>
            <th scope="col">{t('updated')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={t('currency')}
                  value={r.currency}
                  onChange={(e) => setRow(i, { currency: e.target.value })}
                  maxLength={3}
                  size={4}
                  required
                />
              </td>
              <td>
                <input
                  aria-label={t('rate')}
                  value={r.rate}
                  onChange={(e) => setRow(i, { rate: e.target.value })}
                  inputMode="decimal"
                  required
                />
              </td>
              <td>
                {dates.instant(r.updatedAt)} {r.updatedBy ? t('by', { user: r.updatedBy }) : ''}
              </td>
              <td>
                <button type="button" onClick={() => setRows((cur) => cur.filter((_, j) => j !== i))}>
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => setRows((cur) => [...cur, { currency: '', rate: '' }])}>
          {t('add')}
        </button>{' '}
        <button type="submit">{t('save')}</button>
      </p>
      {message && (
        <div role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>
          {message.lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
      )}
    </form>
  );
}

export function RatesPage() {
  const t = useRatesT();
  const rates = useAsync(() => ratesApi.get(), []);
  return (
    <section className="page rates-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {rates.error && (
        <p role="alert" className="error">
          {rates.error.message}
        </p>
      )}
      {rates.data && <RatesForm initial={rates.data} />}
      <EcbRatesSection />
    </section>
  );
}
