// A user's active sessions: when, from where, which browser; each can be signed out.
import { useLang } from '../../i18n/i18n.ts';
import { useAccountT } from './account-i18n.ts';
import type { OwnSession } from './account-api.ts';

/** The API's session view: a user's own and an admin's list answer the same shape. */
export type SessionRow = OwnSession;

export function SessionsTable({ items, onRevoke }: { items: SessionRow[]; onRevoke: (id: string) => void }) {
  const t = useAccountT();
  const lang = useLang((s) => s.lang);
  const fmt = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const when = (iso: string | null) => (iso ? fmt.format(new Date(iso)) : t('none'));
  return (
    <table className="sessions">
      <thead>
        <tr>
          <th scope="col">{t('created')}</th>
          <th scope="col">{t('lastSeen')}</th>
          <th scope="col">{t('expires')}</th>
          <th scope="col">{t('ip')}</th>
          <th scope="col">{t('device')}</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <td>{when(s.createdAt)}</td>
            <td>{when(s.lastSeenAt)}</td>
            <td>{when(s.expiresAt)}</td>
            <td>{s.ip ?? t('none')}</td>
            <td title={s.userAgent ?? ''}>{(s.userAgent ?? t('none')).slice(0, 60)}</td>
            <td>
              {s.current ? (
                <em>{t('thisOne')}</em>
              ) : (
                <button type="button" onClick={() => onRevoke(s.id)}>
                  {t('revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
