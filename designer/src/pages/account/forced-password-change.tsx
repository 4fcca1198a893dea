// After a login with an admin-set password (or the first admin's printed one): the new password first, then the app.
import { useSession } from '../../shell/session.ts';
import { useAccountT } from './account-i18n.ts';
import { PasswordForm } from './password-form.tsx';

export function ForcedPasswordChange() {
  const t = useAccountT();
  const check = useSession((s) => s.check);
  const logout = useSession((s) => s.logout);
  return (
    <main className="login" id="main">
      <div>
        <p role="status">{t('mustChange')}</p>
        <PasswordForm onChanged={check} />
        <button type="button" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </div>
    </main>
  );
}
