// ECB main refinancing rates (admins): the rates French late-payment interest is computed with, newest first.
import { useState, type FormEvent } from 'react';
import { decimalPattern } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../shell/use-async.ts';
import { askConfirm } from '../../shell/confirm.ts';
import { DateField } from '../../shell/date-field.tsx';
import { ecbRatesApi } from './ecb-rates-api.ts';
import { useEcbFormats, useEcbRatesT } from './ecb-rates-i18n.ts';

// The API's own bound (numeric(7,4), below 100 %), as an HTML pattern.
const RATE_PATTERN = decimalPattern({ integerDigits: 2, scale: 4 }).slice(1, -1);

export function EcbRatesSection() {
  const t = useEcbRatesT();
  const fmt = useEcbFormats();
  const rates = useAsync(() => ecbRatesApi.list(), []);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [rate, setRate] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const failed = (err: unknown) => {
    const problems = err instanceof ApiError ? err.problems.map((p) => p.message) : [];
    setMessage({ ok: false, text: [t('failed', { message: (err as Error).message }), ...problems].join(' ') });
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await ecbRatesApi.add({ effectiveDate, rate: rate.trim().replace(',', '.') });
      setEffectiveDate('');
      setRate('');
      setMessage({ ok: true, text: t('added_ok') });
      rates.reload();
    } catch (err) {
      failed(err);
    }
  };
  const remove = async (date: string) => {
    if (!(await askConfirm(t('confirmRemove', { date: fmt.day(date) }), t('remove')))) return;
    try {
      await ecbRatesApi.remove(date);
      setMessage({ ok: true, text: t('removed') });
      rates.reload();
    } catch (err) {
      failed(err);
    }
  };

  return (
    <section className="ecb-rates" aria-labelledby="ecb-rates-title">
      <h2 id="ecb-rates-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      {rates.error && (
        <p role="alert" className="error">
          {rates.error.message}
        </p>
      )}
      {rates.data && rates.data.rates.length === 0 && <p>{t('none')}</p>}
      {rates.data && rates.data.rates.length > 0 && (
        <p>
          <a href="/api/admin/ecb-rates/export?format=csv" download data-testid="ecb-rates-export-csv">
            {t('exportCsv')}
          </a>{' '}
          <a href="/api/admin/ecb-rates/export?format=xlsx" download data-testid="ecb-rates-export-xlsx">
            {t('exportXlsx')}
          </a>
        </p>
      )}
      {rates.data && rates.data.rates.length > 0 && (
        <table data-testid="ecb-rates">
          <thead>
            <tr>
              <th scope="col">{t('effectiveDate')}</th>
              <th scope="col">{t('rate')}</th>
              <th scope="col">{t('added')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rates.data.rates.map((r) => (
              <tr key={r.effectiveDate}>
                <td>{fmt.day(r.effectiveDate)}</td>
                <td className="num">{fmt.rate(r.rate)}</td>
                <td>{r.createdBy ? `${fmt.instant(r.createdAt)} ${t('by', { user: r.createdBy })}` : t('seeded')}</td>
                <td>
                  <button type="button" onClick={() => void remove(r.effectiveDate)}>
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void add(e)}>
        <label>
          {t('effectiveDate')} <DateField value={effectiveDate} onChange={setEffectiveDate} required />
        </label>{' '}
        <label>
          {t('rate')}{' '}
          <input
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            inputMode="decimal"
            pattern={RATE_PATTERN.replace('\\.', '[.,]')}
            size={8}
            required
          />
        </label>{' '}
        <button type="submit">{t('add')}</button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
