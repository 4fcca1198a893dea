// One letter: subject, HTML and text bodies, saved as a draft and published as the next version; its versions;
// links to the same letter in its other languages and tones.
import { useEffect, useState } from 'react';
import { useAsync } from '../../shell/use-async.ts';
import { lettersApi, type LetterBody, type LetterDetail } from './letters-api.ts';
import { useLetterDates, useLettersT } from './letters-i18n.ts';
import { LetterPreview } from './letter-preview.tsx';
import { NewLetterForm } from './new-letter-form.tsx';

function initialBody(d: LetterDetail): LetterBody {
  if (d.draft) return d.draft;
  const v = d.versions[0];
  return { subject: v?.subject ?? '', html: v?.html ?? '', text: v?.text ?? '' };
}

function Variants({ letter }: { letter: LetterDetail }) {
  const t = useLettersT();
  const list = useAsync(() => lettersApi.list(), []);
  const others = (list.data?.templates ?? []).filter((x) => x.name === letter.name && x.id !== letter.id);
  if (!others.length) return null;
  return (
    <p>
      {t('otherVariants')}{' '}
      {others.map((o) => (
        <a key={o.id} href={`#/letters/${o.id}`} className="letter-variant">
          {o.language.toUpperCase()}
          {o.tone ? ` · ${o.tone}` : ''}
        </a>
      ))}
    </p>
  );
}

export function LetterEditor({ id }: { id: string }) {
  const t = useLettersT();
  const when = useLetterDates();
  const letter = useAsync(() => lettersApi.get(id), [id]);
  const [body, setBody] = useState<LetterBody | null>(null);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (letter.data && body === null) setBody(initialBody(letter.data));
  }, [letter.data, body]);

  if (letter.error)
    return (
      <p role="alert" className="error">
        {t('failed', { message: letter.error.message })}
      </p>
    );
  if (!letter.data || !body) return <p role="status">{t('loading')}</p>;
  const d = letter.data;
  const set = (patch: Partial<LetterBody>) => setBody({ ...body, ...patch });
  const act = async (what: 'save' | 'publish') => {
    try {
      await lettersApi.saveDraft(id, body);
      if (what === 'save') setMessage({ ok: true, text: t('saved') });
      else {
        const { version } = await lettersApi.publish(id, comment);
        setComment('');
        setMessage({ ok: true, text: t('published', { version: String(version) }) });
      }
      letter.reload();
    } catch (err) {
      setMessage({ ok: false, text: t('failed', { message: (err as Error).message }) });
    }
  };

  return (
    <div className="letter-editor">
      <p>
        <a href="#/letters">{t('back')}</a>
      </p>
      <h2>
        {d.name} · {d.language.toUpperCase()}
        {d.tone ? ` · ${d.tone}` : ''}
      </h2>
      <Variants letter={d} />
      <div className="letter-columns">
        <form
          className="letter-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('save');
          }}
        >
          <label>
            {t('subject')}
            <input value={body.subject} onChange={(e) => set({ subject: e.target.value })} required />
          </label>
          <label>
            {t('html')}
            <textarea value={body.html} onChange={(e) => set({ html: e.target.value })} rows={10} spellCheck={false} />
          </label>
          <label>
            {t('text')}
            <textarea value={body.text} onChange={(e) => set({ text: e.target.value })} rows={10} />
          </label>
          <p>
            <button type="submit">{t('save')}</button>{' '}
            <label>
              {t('comment')} <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
            </label>{' '}
            <button type="button" onClick={() => void act('publish')}>
              {t('publish')}
            </button>
          </p>
          {message && (
            <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
              {message.text}
            </p>
          )}
        </form>
        <LetterPreview id={id} body={body} />
      </div>
      <h2>{t('versions')}</h2>
      <table className="letter-versions">
        <thead>
          <tr>
            <th scope="col">{t('versionNo')}</th>
            <th scope="col">{t('publishedAt')}</th>
            <th scope="col">{t('by')}</th>
            <th scope="col">{t('versionComment')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {d.versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{when(v.publishedAt)}</td>
              <td>{v.publishedBy ?? t('shipped')}</td>
              <td>{v.comment}</td>
              <td>
                <button type="button" onClick={() => setBody({ subject: v.subject, html: v.html, text: v.text })}>
                  {t('load')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewLetterForm variantOf={d} />
    </div>
  );
}
