import { useT } from '../i18n/i18n.ts';

/** Placeholder: owned by another engineer, who replaces this file. */
export function DashboardsPage() {
  const t = useT();
  return (
    <section className="page">
      <h1>{t('nav.dashboards')}</h1>
      <p>{t('placeholder.soon')}</p>
    </section>
  );
}
