// "Sign in with <provider>" on the login page: a plain link, since the provider's page is a full navigation.
import { useT } from '../../i18n/i18n.ts';
import { SSO_LOGIN_URL } from './sso-api.ts';
import { useSsoT } from './sso-i18n.ts';

export function SsoButton({ label, alone }: { label: string; alone: boolean }) {
  const t = useSsoT();
  const tApp = useT();
  return (
    <div className="sso-login">
      {alone && <h1>{tApp('login.title')}</h1>}
      <a className="button primary" href={SSO_LOGIN_URL}>
        {t('signInWith', { label })}
      </a>
      {!alone && <p className="or">{t('or')}</p>}
    </div>
  );
}
