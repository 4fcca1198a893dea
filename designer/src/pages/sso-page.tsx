import { useT } from '../i18n/i18n.ts';

/** Single sign-on settings (admins). */
export function SsoPage() {
  const t = useT();
  return <h1>{t('nav.sso')}</h1>;
}
