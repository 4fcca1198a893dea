// #/ledger/<company>/<customer>: the customer's balances, its dunning settings (a change is audited by the API), its
// items, and every state its items went through, by import.
import { useState, type FormEvent } from 'react';
import { formatMoney } from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ledgerApi, type LedgerCustomerChange, type LedgerCustomerDetail } from './ledger-api.ts';
import { Balances, errorText } from './ledger-customers.tsx';
import { useLedgerDates, useLedgerT } from './ledger-i18n.ts';
import { DateField } from '../../shell/date-field.tsx';

export function LedgerCustomerView({ company, customerId }: { company: string; customerId: string }) {
  const t = useLedgerT();
  const lang = useLang((s) => s.lang);
  const dates = useLedgerDates();
  const realCompany = company === '-' ? '' : company;
  const data = useAsync(() => ledgerApi.customer(realCompany, customerId), [realCompany, customerId]);
  const c = data.data;
  return (
    <section className="page ledger" aria-labelledby="ledger-customer-title">
      <p>
        <a href="#/ledger">← {t('back')}</a>
      </p>
      <h1 id="ledger-customer-title">
        {customerId}
        {c?.name ? ` — ${c.name}` : ''}
      </h1>
      {data.error && (
        <p role="alert" className="error">
          {errorText(data.error, t)}{' '}
          <button type="button" onClick={data.reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {data.loading && !c && <p role="status">{t('loading')}</p>}
      {c && (
        <>
          <dl className="tiles">
            <div className="tile">
              <dt className="tile-label">{t('open')}</dt>
              <dd className="tile-value">
                <Balances c={c} field="open" />
              </dd>
            </div>
            <div className="tile">
              <dt className="tile-label">{t('overdue')}</dt>
              <dd className="tile-value bad">
                <Balances c={c} field="overdue" />
              </dd>
            </div>
          </dl>
          <CustomerSettings customer={c} onSaved={data.reload} />
          <h2>{t('items')}</h2>
          <table className="list" data-testid="ledger-items">
            <thead>
              <tr>
                <th scope="col">{t('document')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col">{t('documentDate')}</th>
                <th scope="col">{t('dueDate')}</th>
                <th scope="col">{t('amount')}</th>
                <th scope="col">{t('openAmount')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {c.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.document}</th>
                  <td>{t(i.itemType)}</td>
                  <td>{dates.day(i.documentDate)}</td>
                  <td>{dates.day(i.dueDate)}</td>
                  <td className="num">{formatMoney(i.amount, i.currency, lang)}</td>
                  <td className="num">{formatMoney(i.openAmount, i.currency, lang)}</td>
                  <td>
                    {i.status}
                    {i.disputed ? ` · ${t('disputed')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('history')}</h2>
          <table className="list" data-testid="ledger-history">
            <thead>
              <tr>
                <th scope="col">{t('document')}</th>
                <th scope="col">{t('validFrom')}</th>
                <th scope="col">{t('validTo')}</th>
                <th scope="col">{t('openAmount')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {c.history.map((h) => (
                <tr key={`${h.document}-${h.validFrom}`}>
                  <th scope="row">{h.document}</th>
                  <td>{dates.instant(h.validFrom)}</td>
                  <td>{dates.instant(h.validTo)}</td>
                  <td className="num">{formatMoney(h.openAmount, h.currency, lang)}</td>
                  <td>{h.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The fields dunning reads: a form of the current values; only what changed is sent. */
function CustomerSettings({ customer, onSaved }: { customer: LedgerCustomerDetail; onSaved: () => void }) {
  const t = useLedgerT();
  const [form, setForm] = useState({
    excluded: customer.excluded,
    pausedUntil: customer.pausedUntil ?? '',
    pauseReason: customer.pauseReason ?? '',
    language: customer.language ?? '',
    email: customer.email ?? '',
    calendar: customer.calendar ?? '',
    collector: customer.collector ?? '',
  });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const text = (k: 'pausedUntil' | 'pauseReason' | 'language' | 'email' | 'calendar' | 'collector') => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const change: LedgerCustomerChange = {};
    if (form.excluded !== customer.excluded) change.excluded = form.excluded;
    for (const k of ['pausedUntil', 'pauseReason', 'language', 'email', 'calendar', 'collector'] as const) {
      const next = form[k].trim() || null;
      if (next !== (customer[k] ?? null)) change[k] = next;
    }
    if (Object.keys(change).length === 0) return;
    try {
      await ledgerApi.change(customer.company, customer.customerId, change);
      setStatus({ ok: true, text: t('saved') });
      onSaved();
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="ledger-settings-title" className="ledger-settings">
      <h2 id="ledger-settings-title">{t('settings')}</h2>
      <label>
        <input
          type="checkbox"
          checked={form.excluded}
          onChange={(e) => setForm({ ...form, excluded: e.target.checked })}
        />{' '}
        {t('excludeLabel')}
      </label>
      <label>
        {t('pauseUntilLabel')}{' '}
        <DateField value={form.pausedUntil} onChange={(v) => setForm({ ...form, pausedUntil: v })} />
      </label>
      <label>
        {t('pauseReasonLabel')} <input {...text('pauseReason')} maxLength={500} />
      </label>
      <label>
        {t('languageLabel')} <input {...text('language')} maxLength={10} />
      </label>
      <label>
        {t('emailLabel')} <input type="email" {...text('email')} maxLength={320} />
      </label>
      <label>
        {t('calendarLabel')} <input {...text('calendar')} maxLength={20} />
      </label>
      <label>
        {t('collectorLabel')} <input {...text('collector')} maxLength={200} />
      </label>
      <button type="submit">{t('save')}</button>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'error'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
