import { useState, type FormEvent } from 'react';
import { useSession } from '../shell/session.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { useAsync } from '../shell/use-async.ts';
import { SsoButton } from './sso/sso-button.tsx';
import { ssoApi } from './sso/sso-api.ts';
import { colon } from '../i18n/punctuation.ts';

export function LoginPage() {
  const t = useT();
  const login = useSession((s) => s.login);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sso = useAsync(() => ssoApi.status(), []).data;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      setError(`${t('login.failed')}${colon(useLang.getState().lang)}${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      {sso?.enabled && <SsoButton label={sso.buttonLabel} alone={!sso.passwordLogin} />}
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title" hidden={sso?.passwordLogin === false}>
        <h1 id="login-title">{t('login.title')}</h1>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
