import { useState } from 'react';
import { useAsync } from '../shell/use-async.ts';
import { accountApi } from './account/account-api.ts';
import { useAccountT } from './account/account-i18n.ts';
import { PasswordForm } from './account/password-form.tsx';
import { SessionsTable } from './account/sessions-table.tsx';

/** The signed-in user's password and sessions. */
export function AccountPage() {
  const t = useAccountT();
  const sessions = useAsync(() => accountApi.sessions(), []);
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revoke = async (id: string) => {
    setError(null);
    try {
      await accountApi.revoke(id);
    } catch (err) {
      setError((err as Error).message);
    }
    sessions.reload();
  };
  return (
    <div className="account-page">
      <h1>{t('title')}</h1>
      {flash && <p role="status">{flash}</p>}
      <PasswordForm
        onChanged={() => {
          setFlash(t('changed'));
          sessions.reload();
        }}
      />
      <h2>{t('sessions')}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {sessions.data && <SessionsTable items={sessions.data.items} onRevoke={(id) => void revoke(id)} />}
    </div>
  );
}
