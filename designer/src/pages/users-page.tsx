import { useT } from '../i18n/i18n.ts';

/** Users and their roles, groups, manager and approval limit (admins). */
export function UsersPage() {
  const t = useT();
  return <h1>{t('nav.users')}</h1>;
}
