import { useLedgerT } from './ledger-i18n.ts';

/** The two lists of the ledger page. */
export function LedgerTabs({ current }: { current: 'customers' | 'imports' }) {
  const t = useLedgerT();
  return (
    <nav className="tabs" aria-label={t('title')}>
      <a href="#/ledger" aria-current={current === 'customers' ? 'page' : undefined}>
        {t('customersTab')}
      </a>{' '}
      <a href="#/ledger/imports" aria-current={current === 'imports' ? 'page' : undefined}>
        {t('importsTab')}
      </a>
    </nav>
  );
}
