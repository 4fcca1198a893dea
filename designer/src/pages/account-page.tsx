import { useT } from '../i18n/i18n.ts';

/** The signed-in user's password and sessions. */
export function AccountPage() {
  const t = useT();
  return <h1>{t('nav.account')}</h1>;
}
