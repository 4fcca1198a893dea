// "Sign in with <provider>" on the login page: a plain link, since the provider's page is a full navigation.
import { useT } from '../../i18n/i18n.ts';
import { SSO_LOGIN_URL } from './sso-api.ts';
import { useSsoT } from './sso-i18n.ts';

const ERRORS = ['errSSO_USER_DISABLED', 'errSSO_USERNAME_TAKEN', 'errSSO_STATE_INVALID'] as const;

export function SsoButton({ label, alone }: { label: string; alone: boolean }) {
  const t = useSsoT();
  const tApp = useT();
  // Set by the API when a sign-in that came back from the provider was refused.
  const code = new URLSearchParams(window.location.search).get('sso_error');
  const known = ERRORS.find((k) => k === `err${code}`);
  return (
    <div className="sso-login">
      {alone && <h1>{tApp('login.title')}</h1>}
      <a className="button primary" href={SSO_LOGIN_URL}>
        {t('signInWith', { label })}
      </a>
      {code && (
        <p role="alert" className="error">
          {known ? t(known) : t('errOther', { code })}
        </p>
      )}
      {!alone && <p className="or">{t('or')}</p>}
    </div>
  );
}
