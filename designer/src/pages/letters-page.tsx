// Letters (#15): the emails flows and notices send, edited by process owners as data. The list here, one letter's
// editor at #/letters/<id>.
import { matchRoute } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';
import { ApiError } from '../api/client.ts';
import { lettersApi, lettersExportUrl } from './letters/letters-api.ts';
import { useLetterDates, useLettersT } from './letters/letters-i18n.ts';
import { LetterEditor } from './letters/letter-editor.tsx';
import { NewLetterForm } from './letters/new-letter-form.tsx';
import './letters/letters.css';

function LettersList() {
  const t = useLettersT();
  const when = useLetterDates();
  const list = useAsync(() => lettersApi.list(), []);
  if (list.error)
    return (
      <p role="alert" className="error">
        {list.error instanceof ApiError && list.error.status === 403
          ? t('forbidden')
          : t('failed', { message: list.error.message })}
      </p>
    );
  const rows = list.data?.templates ?? [];
  return (
    <>
      <p>{t('intro')}</p>
      <p>
        <a href={lettersExportUrl('csv')} download>
          {t('exportCsv')}
        </a>{' '}
        <a href={lettersExportUrl('xlsx')} download>
          {t('exportXlsx')}
        </a>
      </p>
      {list.loading && !list.data && <p role="status">{t('loading')}</p>}
      {list.data && rows.length === 0 && <p>{t('none')}</p>}
      {rows.length > 0 && (
        <table className="letters-list">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('language')}</th>
              <th scope="col">{t('tone')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('publishedAt')}</th>
              <th scope="col">{t('draft')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`#/letters/${r.id}`}>{r.name}</a>
                </td>
                <td>{r.language.toUpperCase()}</td>
                <td>{r.tone || t('noTone')}</td>
                <td>{r.publishedVersion ?? ''}</td>
                <td>{when(r.publishedAt)}</td>
                <td>{r.hasDraft ? t('draftPending') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <NewLetterForm />}
    </>
  );
}

export function LettersPage({ route }: { route: string }) {
  const t = useLettersT();
  const p = matchRoute('/letters/:id', route);
  return (
    <section className="page letters-page">
      <h1>{t('title')}</h1>
      {p ? <LetterEditor key={p.id} id={p.id!} /> : <LettersList />}
    </section>
  );
}
