// #/audit: the audit log for administrators — filters (action, actor, target, dates), pages of entries with their
// before and after, and the same filters exported as CSV or XLSX by the server. Text from data is rendered as text.
import { useState } from 'react';
import { AUDIT_ACTIONS } from '@ledgerflow/flow-model';
import { useAsync } from '../shell/use-async.ts';
import { ListState } from '../shell/list-state.tsx';
import { ExportLinks } from '../shell/export-links.tsx';
import { auditApi, exportUrl, type AuditFilters, type AuditItem } from './audit/audit-api.ts';
import { useAuditDate, useAuditT } from './audit/audit-i18n.ts';
import './audit/audit.css';
import { DateField } from '../shell/date-field.tsx';

const PAGE = 50;
type Form = { action: string; actor: string; targetType: string; targetId: string; from: string; to: string };
const EMPTY: Form = { action: '', actor: '', targetType: '', targetId: '', from: '', to: '' };

/** Dates picked in the user's day become instants: from the start of the first day to the end of the last. */
function filters(f: Form): AuditFilters {
  const day = (d: string, end: boolean) =>
    d ? new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;
  return {
    action: (f.action || undefined) as AuditFilters['action'],
    actor: f.actor.trim() || undefined,
    targetType: f.targetType.trim() || undefined,
    targetId: f.targetId.trim() || undefined,
    from: day(f.from, false),
    to: day(f.to, true),
  };
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

function Changes({ e }: { e: AuditItem }) {
  const t = useAuditT();
  const has = e.before !== null || e.after !== null || Object.keys(e.details).length > 0;
  if (!has) return <>—</>;
  return (
    <details>
      <summary>{t('show')}</summary>
      {e.before !== null && (
        <>
          <strong>{t('before')}</strong>
          <pre>{json(e.before)}</pre>
        </>
      )}
      {e.after !== null && (
        <>
          <strong>{t('after')}</strong>
          <pre>{json(e.after)}</pre>
        </>
      )}
      {Object.keys(e.details).length > 0 && (
        <>
          <strong>{t('details')}</strong>
          <pre>{json(e.details)}</pre>
        </>
      )}
    </details>
  );
}

export function AuditPage() {
  const t = useAuditT();
  const date = useAuditDate();
  const [form, setForm] = useState<Form>(EMPTY);
  const [applied, setApplied] = useState<Form>(EMPTY);
  const [offset, setOffset] = useState(0);
  const list = useAsync(() => auditApi.list(filters(applied), PAGE, offset), [applied, offset]);
  const field = (k: keyof Form) => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
  });
  const total = list.data?.total ?? 0;
  return (
    <section className="page audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setApplied(form);
        }}
      >
        <label>
          {t('action')}
          <select {...field('action')}>
            <option value="">{t('anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('actor')}
          <input type="search" maxLength={200} {...field('actor')} />
        </label>
        <label>
          {t('targetType')}
          <input type="text" maxLength={50} {...field('targetType')} />
        </label>
        <label>
          {t('targetId')}
          <input type="text" maxLength={200} {...field('targetId')} />
        </label>
        <label>
          {t('from')}
          <DateField value={form.from} onChange={(v) => setForm({ ...form, from: v })} />
        </label>
        <label>
          {t('to')}
          <DateField value={form.to} onChange={(v) => setForm({ ...form, to: v })} />
        </label>
        <button type="submit">{t('apply')}</button>
        <button
          type="button"
          onClick={() => {
            setForm(EMPTY);
            setApplied(EMPTY);
            setOffset(0);
          }}
        >
          {t('clear')}
        </button>
      </form>
      <ExportLinks href={(format) => exportUrl(format, filters(applied))} testId="audit-export" />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('none')} forbidden={t('forbidden')}>
        {(data) => (
          <>
            <table className="list" data-testid="audit-entries">
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('action')}</th>
                  <th scope="col">{t('actor')}</th>
                  <th scope="col">{t('ip')}</th>
                  <th scope="col">{t('target')}</th>
                  <th scope="col">{t('changes')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{date(e.at)}</time>
                    </td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.actorUsername ?? t('nobody')}</td>
                    <td title={e.userAgent ?? undefined}>{e.ip ?? '—'}</td>
                    <td>
                      {e.targetType ? (
                        <>
                          {e.targetType} <code>{e.targetId}</code>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <Changes e={e} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('previous')}
              </button>{' '}
              {offset + 1}–{Math.min(offset + PAGE, total)} / {total} {t('total')}{' '}
              <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                {t('next')}
              </button>
            </p>
          </>
        )}
      </ListState>
    </section>
  );
}
