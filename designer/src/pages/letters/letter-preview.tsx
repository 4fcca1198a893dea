// The live preview of a letter. The HTML is the letter's own markup: it is shown in a sandboxed frame with no
// scripts and no same-origin access, never put into the app's document.
import { useEffect, useState } from 'react';
import { lettersApi, type LetterBody, type LetterPreview as Preview } from './letters-api.ts';
import { useLettersT } from './letters-i18n.ts';

const DEBOUNCE_MS = 400;

export function LetterPreview({ id, body }: { id: string; body: LetterBody }) {
  const t = useLettersT();
  const [runId, setRunId] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      lettersApi.preview(id, body, runId.trim()).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setError(null);
        },
        (err: Error) => live && setError(err.message),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, body, runId]);
  return (
    <section className="letter-preview" aria-label={t('preview')}>
      <h2>{t('preview')}</h2>
      <label>
        {t('previewWith')}{' '}
        <input value={runId} onChange={(e) => setRunId(e.target.value)} size={38} spellCheck={false} />
      </label>
      {error && (
        <p role="alert" className="error">
          {t('failed', { message: error })}
        </p>
      )}
      {preview && (
        <>
          {preview.renderError && (
            <p role="alert" className="error">
              {t('renderError', { message: preview.renderError })}
            </p>
          )}
          <p>
            <strong>{t('previewSubject')}</strong> <span data-testid="preview-subject">{preview.subject}</span>
          </p>
          <iframe
            title={t('previewHtml')}
            sandbox=""
            srcDoc={preview.html}
            className="letter-frame"
            referrerPolicy="no-referrer"
          />
          <h3>{t('previewText')}</h3>
          <pre className="letter-text" data-testid="preview-text">
            {preview.text}
          </pre>
          <dl className="letter-variables">
            <dt>{t('variables')}</dt>
            <dd>{preview.variables.join(', ')}</dd>
            <dt>{t('missing')}</dt>
            <dd data-testid="preview-missing">
              {preview.missing.length ? preview.missing.join(', ') : t('noneMissing')}
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}
