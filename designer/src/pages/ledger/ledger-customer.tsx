// #/ledger/<company>/<customer>: the customer's balances, its dunning settings (a change is audited by the API), its
// items, and every state its items went through, by import (both lists in ledger-customer-items.tsx).
import { useState, type FormEvent } from 'react';
import { useAsync } from '../../shell/use-async.ts';
import {
  ledgerApi,
  type LedgerCustomerChange,
  type LedgerCustomerDetail,
  type LedgerItemFilters,
} from './ledger-api.ts';
import { LedgerHistoryTable, LedgerItemFilterBar, LedgerItemsTable } from './ledger-customer-items.tsx';
import { Balances, errorText } from './ledger-customers.tsx';
import { useLedgerT } from './ledger-i18n.ts';
import { DateField } from '../../shell/date-field.tsx';

export function LedgerCustomerView({ company, customerId }: { company: string; customerId: string }) {
  const t = useLedgerT();
  const realCompany = company === '-' ? '' : company;
  const [filters, setFilters] = useState<LedgerItemFilters>({});
  // What the server filters by (the page's list and its exports alike): blank text is no filter.
  const sent: LedgerItemFilters = { status: filters.status, q: filters.q?.trim() || undefined };
  const data = useAsync(
    () => ledgerApi.customer(realCompany, customerId, sent),
    [realCompany, customerId, sent.status, sent.q],
  );
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
          <LedgerItemFilterBar filters={filters} onChange={setFilters} />
          <LedgerItemsTable c={c} filters={sent} />
          <LedgerHistoryTable c={c} filters={sent} />
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
