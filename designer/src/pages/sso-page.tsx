// Single sign-on settings (admins): where settings come from, the redirect URI to register, and the form.
import { useAsync } from '../shell/use-async.ts';
import { ssoApi } from './sso/sso-api.ts';
import { SsoForm } from './sso/sso-form.tsx';
import { useSsoT } from './sso/sso-i18n.ts';
import { useColon } from '../i18n/punctuation.ts';

export function SsoPage() {
  const t = useSsoT();
  const colon = useColon();
  const settings = useAsync(() => ssoApi.settings(), []);
  const s = settings.data;
  const source =
    s && { database: t('sourceDatabase'), environment: t('sourceEnvironment'), none: t('sourceNone') }[s.source];
  return (
    <section className="page sso-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {settings.error && (
        <p role="alert" className="error">
          {settings.error.message}
        </p>
      )}
      {s && (
        <>
          <p>
            {t('redirectUri')}
            {colon}
            <code>{s.redirectUri}</code>
          </p>
          <p>
            {t('source')}
            {colon}
            {source}
          </p>
          <SsoForm initial={s} onSaved={() => undefined} />
        </>
      )}
    </section>
  );
}
