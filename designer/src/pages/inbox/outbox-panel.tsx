import { useAsync } from '../../shell/use-async.ts';
import { fieldsOf, inboxApi } from './inbox-api.ts';
import { useInboxT, type InboxKey } from './inbox-i18n.ts';

const OUTBOX_STATUS_KEYS: Record<string, InboxKey> = {
  pending: 'ob_pending',
  sending: 'ob_sending',
  sent: 'ob_sent',
  failed: 'ob_failed',
  uncertain: 'ob_uncertain',
};

/** Every outgoing message with its delivery status, and what the local SMTP sink received. */
export function OutboxPanel() {
  const t = useInboxT();
  const box = useAsync(() => inboxApi.outbox(), []);
  const mail = useAsync(() => inboxApi.mail(), []);
  return (
    <section className="page inbox">
      <p>
        <a href="#/inbox">← {t('back')}</a>
      </p>
      <h1>{t('outboxTitle')}</h1>
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
            </tr>
          </thead>
          <tbody>
            {box.data.items
              .map((m) => ({ ...m, meta: fieldsOf(m.meta) }))
              .map((m) => (
                <tr key={m.key}>
                  <td>{new Date(m.createdAt).toLocaleString()}</td>
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
                      title={m.status === 'uncertain' ? t('ob_uncertainHelp') : (m.error ?? undefined)}
                    >
                      {OUTBOX_STATUS_KEYS[m.status] ? t(OUTBOX_STATUS_KEYS[m.status]!) : m.status}
                    </span>
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
                {new Date(m.receivedAt).toLocaleString()} — {m.subject ?? '—'} → {m.to.join(', ')}
              </summary>
              <pre className="mail-text">{m.text ?? ''}</pre>
              {m.attachments.length > 0 && (
                <p>
                  {t('attachments')}:{' '}
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
