// Letters (#15): the emails flows and notices send, edited by process owners as data. The list here (filtered by name
// and language on the server, sorted by its headers, exported with the same filters), one letter's editor at
// #/letters/<id>.
import { useId, useState } from 'react';
import { useLang } from '../i18n/i18n.ts';
import { matchRoute } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';
import { ListState } from '../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../shell/export-links.tsx';
import { SortHeaderRow, sortRows, useSort } from '../shell/sort-header.tsx';
import { LETTERS_EXPORT_PATH, lettersApi, type LetterFilters, type LetterSummary } from './letters/letters-api.ts';
import { useLetterDates, useLettersT, type LettersKey } from './letters/letters-i18n.ts';
import { LetterEditor } from './letters/letter-editor.tsx';
import { NewLetterForm } from './letters/new-letter-form.tsx';
import './letters/letters.css';

type LetterSort = 'name' | 'language' | 'tone' | 'publishedVersion' | 'publishedAt' | 'hasDraft';
const COLUMNS: Array<[LetterSort, LettersKey]> = [
  ['name', 'name'],
  ['language', 'language'],
  ['tone', 'tone'],
  ['publishedVersion', 'version'],
  ['publishedAt', 'publishedAt'],
  ['hasDraft', 'draft'],
];

function LettersList() {
  const t = useLettersT();
  const when = useLetterDates();
  const lang = useLang((s) => s.lang);
  const [q, setQ] = useState('');
  const [language, setLanguage] = useState('');
  const languageId = useId();
  const filters: LetterFilters = { q: q.trim() || undefined, language: language || undefined };
  const list = useAsync(() => lettersApi.list(filters), [filters.q, filters.language]);
  // The languages to choose from are those of every letter, whatever the list shows now.
  const all = useAsync(() => lettersApi.list(), []);
  const languages = [...new Set(all.data?.templates.map((r) => r.language))].sort();
  // A few dozen letters: the page sorts them itself.
  const sorting = useSort<LetterSort>();
  const { sort, order } = sorting;
  const value = (r: LetterSummary) => (sort === 'hasDraft' ? Number(r.hasDraft) : sort && r[sort]);
  const filtered = filters.q !== undefined || filters.language !== undefined;
  return (
    <>
      <p>{t('intro')}</p>
      <div className="filters">
        <label>
          {t('search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>{' '}
        {/* Labelled from outside: a wrapping label would read its options too ("… any language"), and the shell's
            Language picker must stay the one control named Language. */}
        <label htmlFor={languageId}>{t('writtenIn')}</label>{' '}
        <select id={languageId} value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">{t('anyLanguage')}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l.toUpperCase()}
            </option>
          ))}
        </select>
      </div>
      <ExportLinks href={(format) => exportHref(LETTERS_EXPORT_PATH, format, filters)} testId="letters-export" />
      <ListState
        state={list}
        isEmpty={(d) => d.templates.length === 0}
        empty={filtered ? t('noMatch') : t('none')}
        forbidden={t('forbidden')}
        errorText={(err) => t('failed', { message: err.message })}
      >
        {(d) => (
          <table className="letters-list" data-testid="letters">
            <SortHeaderRow columns={COLUMNS.map(([s, k]) => [s, t(k)] as const)} {...sorting} />
            <tbody>
              {sortRows(d.templates, sort && value, order, lang).map((r) => (
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
      </ListState>
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
