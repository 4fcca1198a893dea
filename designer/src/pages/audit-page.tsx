import { useT } from '../i18n/i18n.ts';

/** The audit log with filters and CSV/XLSX export (admins). */
export function AuditPage() {
  const t = useT();
  return <h1>{t('nav.audit')}</h1>;
}
