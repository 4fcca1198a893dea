import { useState } from 'react';
import type { OutboxStatus } from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { fieldsOf, inboxApi, type OutboxItem } from './inbox-api.ts';
import { useInboxT, type InboxKey } from './inbox-i18n.ts';
import { Colon } from '../../i18n/colon.tsx';

// Keyed by the vocabulary's type: a new status without a label fails the typecheck.
const OUTBOX_STATUS_KEYS: Record<OutboxStatus, InboxKey> = {
  pending: 'ob_pending',
  sending: 'ob_sending',
  sent: 'ob_sent',
  failed: 'ob_failed',
  uncertain: 'ob_uncertain',
  no_address: 'ob_no_address',
};
const HELP_KEYS: Partial<Record<OutboxStatus, InboxKey>> = {
  uncertain: 'ob_uncertainHelp',
  no_address: 'ob_no_addressHelp',
};
/** Only task notices can be resent, and only once they stopped trying (failed) or had nobody to write to. */
const resendable = (m: OutboxItem) => m.key.startsWith('task:') && (m.status === 'failed' || m.status === 'no_address');

/** Every outgoing message with its delivery status, and what the local SMTP sink received. */
export function OutboxPanel() {
  const t = useInboxT();
  const lang = useLang((s) => s.lang);
  const box = useAsync(() => inboxApi.outbox(), []);
  const mail = useAsync(() => inboxApi.mail(), []);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The browser's time zone is the user's; the app's language picks the format.
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const resend = async (key: string) => {
    setMessage(null);
    try {
      await inboxApi.resend(key);
      setMessage({ kind: 'ok', text: t('ob_resent') });
      box.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
    }
  };
  return (
    <section className="page inbox">
      <p>
        <a href="#/inbox">← {t('back')}</a>
      </p>
      <h1>{t('outboxTitle')}</h1>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
          {message.text}
        </p>
      )}
      {box.loading && <p role="status">{t('loading')}</p>}
      {box.error && (
        <p role="alert" className="error">
          {box.error.message}
        </p>
      )}
      {box.data && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('subject')}</th>
              <th scope="col">{t('recipients')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('ob_attempts')}</th>
              <th scope="col">{t('ob_nextAttempt')}</th>
              <th scope="col">
                <span className="sr-only">{t('ob_resend')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {box.data.items
              .map((m) => ({ ...m, meta: fieldsOf(m.meta) }))
              .map((m) => (
                <tr key={m.key}>
                  <td>{when(m.createdAt)}</td>
                  <td>{m.channel}</td>
                  <td>
                    {typeof m.meta.taskId === 'string' ? (
                      <a href={`#/inbox/${encodeURIComponent(m.meta.taskId)}`}>{m.subject}</a>
                    ) : (
                      m.subject
                    )}
                  </td>
                  <td>
                    {m.recipients.length
                      ? m.recipients.join(', ')
                      : ((m.meta.users as string[] | undefined) ?? []).join(', ') || t('none')}
                  </td>
                  <td>
                    <span
                      className={`status ${m.status}`}
                      title={HELP_KEYS[m.status] ? t(HELP_KEYS[m.status]!) : (m.error ?? m.lastError ?? undefined)}
                    >
                      {t(OUTBOX_STATUS_KEYS[m.status])}
                    </span>
                  </td>
                  <td>{m.attempts || ''}</td>
                  <td>{m.nextAttemptAt ? when(m.nextAttemptAt) : ''}</td>
                  <td>
                    {resendable(m) && (
                      <button type="button" onClick={() => void resend(m.key)}>
                        {t('ob_resend')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {mail.data?.enabled && (
        <>
          <h2>{t('mailTitle')}</h2>
          {mail.data.items.length === 0 && <p>{t('noMail')}</p>}
          {mail.data.items.map((m) => (
            <details key={m.id} className="mail">
              <summary>
                {when(m.receivedAt)} — {m.subject ?? '—'} → {m.to.join(', ')}
              </summary>
              <pre className="mail-text">{m.text ?? ''}</pre>
              {m.attachments.length > 0 && (
                <p>
                  {t('attachments')}
                  <Colon />
                  {m.attachments
                    .map((a) => `${a.filename ?? '?'} (${a.contentType}, ${Math.round(a.size / 1024)} kB)`)
                    .join(', ')}
                </p>
              )}
            </details>
          ))}
        </>
      )}
    </section>
  );
}
