// #/ledger/imports: what each import read and did (new, changed, unchanged, settled, bad rows), newest first.
import { useState } from 'react';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ledgerApi } from './ledger-api.ts';
import { errorText } from './ledger-customers.tsx';
import { useLedgerDates, useLedgerT } from './ledger-i18n.ts';
import { LedgerTabs } from './ledger-tabs.tsx';

const PAGE = 50;

export function LedgerImports() {
  const t = useLedgerT();
  const lang = useLang((s) => s.lang);
  const dates = useLedgerDates();
  const n = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const [offset, setOffset] = useState(0);
  const list = useAsync(() => ledgerApi.imports(PAGE, offset), [offset]);
  const total = list.data?.total ?? 0;
  return (
    <section className="page ledger" aria-labelledby="ledger-imports-title">
      <h1 id="ledger-imports-title">{t('title')}</h1>
      <LedgerTabs current="imports" />
      {list.error && (
        <p role="alert" className="error">
          {errorText(list.error, t)}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {list.loading && !list.data && <p role="status">{t('loading')}</p>}
      {list.data && list.data.items.length === 0 && <p>{t('noImports')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="list" data-testid="ledger-imports">
          <thead>
            <tr>
              <th scope="col">{t('started')}</th>
              <th scope="col">{t('source')}</th>
              <th scope="col">{t('company')}</th>
              <th scope="col">{t('mode')}</th>
              <th scope="col">{t('asOf')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('rowsRead')}</th>
              <th scope="col">{t('inserted')}</th>
              <th scope="col">{t('updated')}</th>
              <th scope="col">{t('unchanged')}</th>
              <th scope="col">{t('settled')}</th>
              <th scope="col">{t('errors')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((i) => (
              <tr key={i.id}>
                <td>{dates.instant(i.startedAt)}</td>
                <td>{i.source}</td>
                <td>{i.company}</td>
                <td>{i.mode}</td>
                <td>{dates.instant(i.asOf)}</td>
                <td title={i.failure ?? undefined}>{i.status}</td>
                <td className="num">{n.format(i.rowsRead)}</td>
                <td className="num">{n.format(i.inserted)}</td>
                <td className="num">{n.format(i.updated)}</td>
                <td className="num">{n.format(i.unchanged)}</td>
                <td className="num">{n.format(i.settled)}</td>
                <td className={`num${i.errorCount ? ' bad' : ''}`}>{n.format(i.errorCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <p>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('previous')}
          </button>{' '}
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('next')}
          </button>
        </p>
      )}
    </section>
  );
}
