// The Files tab of a file-feed flow: drop a file (progress bar, then the row report), the mail-in address with
// its allowed senders, every file received (refused mails too) and the closed keys for the extractor.
import { useCallback, useState, type DragEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { useNumber } from './dashboards-i18n.ts';
import { closedKeysUrl, feedFilesApi, filesExportUrl, type FeedFileItem } from './feed-files-api.ts';
import { useFeedFilesT, type FeedFilesKey } from './feed-files-i18n.ts';

type Upload = { name: string; sent: number; total: number } | null;

export function FeedFilesPanel({ flowId, onExtracted }: { flowId: string; onExtracted: () => void }) {
  const t = useFeedFilesT();
  const fmt = useNumber();
  const lang = useLang((s) => s.lang);
  const files = useAsync(() => feedFilesApi.list(flowId), [flowId]);
  const reloadFiles = files.reload;
  const [upload, setUpload] = useState<Upload>(null);
  const [result, setResult] = useState<FeedFileItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  // French puts a space before a colon.
  const label = (k: FeedFilesKey) => (lang === 'fr' ? `${t(k)} :` : `${t(k)}:`);
  const time = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );

  const send = useCallback(
    async (file: File) => {
      setError(null);
      setResult(null);
      setUpload({ name: file.name, sent: 0, total: file.size });
      try {
        const done = await feedFilesApi.upload(flowId, file, (sent, total) =>
          setUpload({ name: file.name, sent, total: total || file.size }),
        );
        setResult(done);
        onExtracted();
      } catch (err) {
        const e = err as ApiError;
        const d = (e.details ?? {}) as { row?: number; column?: string };
        const where = d.row !== undefined && d.column ? ` (${t('where', { row: fmt(d.row), column: d.column })})` : '';
        setError(t('uploadFailed', { message: `${e.message}${where}` }));
      } finally {
        setUpload(null);
        reloadFiles();
      }
    },
    [flowId, onExtracted, reloadFiles, t, fmt],
  );
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void send(f);
  };

  // Not a file feed (the API says so): nothing to show.
  if (files.error instanceof ApiError && files.error.code === 'NOT_A_FILE_FEED') return null;
  const data = files.data;
  const summary = result?.report?.summary;
  const extraction = (result?.report as { extraction?: Record<string, number> } | null)?.extraction;

  return (
    <section className="card feed-files" aria-labelledby="feed-files-title" data-testid="feed-files">
      <h3 id="feed-files-title">{t('title')}</h3>
      {data && (
        <p>
          {label('mailIn')} <code data-testid="mail-in-address">{data.mailIn.address}</code>{' '}
          <span className="muted">{t('mailInHint')}</span>
          <br />
          {label('allowedSenders')} {data.mailIn.allowedSenders.join(', ') || t('noSenders')}
        </p>
      )}
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="feed-drop-zone"
      >
        {t('drop')}{' '}
        <label className="link">
          {t('choose')}
          <input
            type="file"
            accept=".xlsx,.csv"
            hidden
            disabled={!!upload}
            data-testid="feed-file-input"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void send(f);
            }}
          />
        </label>
      </div>
      {upload && (
        <div role="status" aria-live="polite">
          <p>{upload.sent < upload.total ? t('uploading', { name: upload.name }) : t('extractingFile')}</p>
          <progress aria-label={t('uploadProgress')} value={upload.sent} max={upload.total || 1} />
        </div>
      )}
      {error && (
        <p role="alert" className="error" data-testid="feed-upload-error">
          {error}
        </p>
      )}
      {result && summary && (
        <div role="status" data-testid="feed-file-report">
          <h4>{t('report', { name: result.name })}</h4>
          <ul className="inline">
            {(['imported', 'rejected', 'skippedHeader', 'skippedSubtotal', 'skippedBlank'] as const).map((k) => (
              <li key={k}>
                {label(k)} <strong>{fmt(summary[k])}</strong>
              </li>
            ))}
            {extraction &&
              (['started', 'updated', 'unchanged', 'gone'] as const).map((k) => (
                <li key={k}>
                  {label(k)} <strong>{fmt(extraction[k] ?? 0)}</strong>
                </li>
              ))}
          </ul>
          {result.report!.rejected.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t('row')}</th>
                  <th>{t('column')}</th>
                  <th>{t('problem')}</th>
                  <th>{t('value')}</th>
                </tr>
              </thead>
              <tbody>
                {result.report!.rejected.flatMap((r) =>
                  r.problems.map((p, i) => (
                    <tr key={`${r.row}-${i}`}>
                      <td>{fmt(p.row)}</td>
                      <td>{p.column}</td>
                      <td>{p.problem}</td>
                      <td>{p.value === null ? '' : String(p.value)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </div>
      )}
      <h4>{t('received')}</h4>
      <p>
        <a href={filesExportUrl(flowId, 'csv')} download data-testid="feed-files-csv">
          {t('downloadCsv')}
        </a>{' '}
        <a href={filesExportUrl(flowId, 'xlsx')} download data-testid="feed-files-xlsx">
          {t('downloadXlsx')}
        </a>
      </p>
      {data && data.items.length === 0 && <p className="muted">{t('noFiles')}</p>}
      {data && data.items.length > 0 && (
        <table data-testid="feed-files-list">
          <thead>
            <tr>
              <th>{t('receivedAt')}</th>
              <th>{t('name')}</th>
              <th>{t('via')}</th>
              <th>{t('sender')}</th>
              <th>{t('status')}</th>
              <th>{t('detail')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((f) => (
              <tr key={f.id} className={f.status === 'refused' || f.status === 'failed' ? 'error' : undefined}>
                <td>{time(f.receivedAt)}</td>
                <td>{f.name}</td>
                <td>{t(`via_${f.arrivedVia}` as FeedFilesKey)}</td>
                <td>{f.sender ?? ''}</td>
                <td>{t(`st_${f.status}` as FeedFilesKey)}</td>
                <td>
                  {f.refusal ??
                    f.error?.message ??
                    (f.report?.summary
                      ? `${t('imported')} ${fmt(f.report.summary.imported)} · ${t('rejected')} ${fmt(f.report.summary.rejected)}`
                      : '')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('closedKeys')}</h4>
      <p className="muted">{t('closedKeysHint')}</p>
      <p>
        <a href={closedKeysUrl(flowId, 'csv')} download data-testid="closed-keys-csv">
          {t('downloadCsv')}
        </a>{' '}
        <a href={closedKeysUrl(flowId, 'xlsx')} download data-testid="closed-keys-xlsx">
          {t('downloadXlsx')}
        </a>
      </p>
    </section>
  );
}
