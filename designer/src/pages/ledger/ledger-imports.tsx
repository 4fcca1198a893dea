// #/ledger/imports: what each import read and did (new, changed, unchanged, settled, bad rows), newest first.
import { useState } from 'react';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { ledgerApi, type ImportStatus } from './ledger-api.ts';
import { useLedgerDates, useLedgerT, type LedgerKey } from './ledger-i18n.ts';
import { LedgerTabs } from './ledger-tabs.tsx';

const PAGE = 50;
const STATUSES: readonly ImportStatus[] = ['running', 'done', 'failed'];

export function LedgerImports() {
  const t = useLedgerT();
  const lang = useLang((s) => s.lang);
  const dates = useLedgerDates();
  const n = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<ImportStatus | ''>('');
  const list = useAsync(() => ledgerApi.imports(PAGE, offset, status || undefined), [offset, status]);
  const total = list.data?.total ?? 0;
  return (
    <section className="page ledger" aria-labelledby="ledger-imports-title">
      <h1 id="ledger-imports-title">{t('title')}</h1>
      <LedgerTabs current="imports" />
      <p>
        <label>
          {t('status')}{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as ImportStatus | '');
              setOffset(0);
            }}
          >
            <option value="">{t('anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`imp_${s}` as LedgerKey)}
              </option>
            ))}
          </select>
        </label>
      </p>
      <ExportLinks
        href={(format) => exportHref('/api/ledger/imports/export', format, { status })}
        testId="ledger-imports-export"
      />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('noImports')} forbidden={t('forbidden')}>
        {(data) => (
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
              {data.items.map((i) => (
                <tr key={i.id}>
                  <td>{dates.instant(i.startedAt)}</td>
                  <td>{i.source}</td>
                  <td>{i.company}</td>
                  <td>{i.mode}</td>
                  <td>{dates.instant(i.asOf)}</td>
                  <td title={i.failure ?? undefined}>
                    {STATUSES.includes(i.status as ImportStatus) ? t(`imp_${i.status}` as LedgerKey) : i.status}
                  </td>
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
      </ListState>
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
