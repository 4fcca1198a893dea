// #/dunning/batches/<id>: the collector's review of one batch — customers, levels, amounts and penalties, the letter
// preview, deselect or change a level, then Send, which decides the run's review task. Data is rendered as text
// (React escapes it); the letter's HTML is shown in a sandboxed frame with no script.
import { useState } from 'react';
import { formatMoney } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { askConfirm } from '../../shell/confirm.ts';
import { batchExportUrl, dunningApi, type BatchLine, type LetterPreview } from './dunning-api.ts';
import { useDates, useDunningT, type DunningKey } from './dunning-i18n.ts';
import './dunning.css';
import { Colon } from '../../i18n/colon.tsx';

export function DunningBatchScreen({ batchId }: { batchId: string }) {
  const t = useDunningT();
  const lang = useLang((s) => s.lang);
  const { day } = useDates();
  const view = useAsync(() => dunningApi.get(batchId), [batchId]);
  const [preview, setPreview] = useState<LetterPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const money = (amount: string, currency: string) => formatMoney(amount, currency, lang);
  const days = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      view.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (view.error)
    return (
      <p role="alert" className="error">
        {view.error instanceof ApiError && view.error.status === 403 ? t('forbidden') : view.error.message}
      </p>
    );
  if (!view.data) return <p role="status">{t('loading')}</p>;
  const { batch, lines, skipped, task, levels } = view.data;
  const review = batch.status === 'review';
  const selected = lines.filter((l) => l.selected).length;
  const canSend = review && task?.status === 'open' && !busy;
  const change = (l: BatchLine, c: { selected?: boolean; levelOverride?: number | null }) =>
    act(() => dunningApi.change(batch.id, l.id, c));
  return (
    <section className="page dunning" aria-labelledby="batch-title">
      <p>
        <a href="#/dunning">{t('back')}</a>
      </p>
      <h1 id="batch-title">{t('batchTitle', { date: day(batch.asOf) })}</h1>
      <p>
        {t('status')}
        <Colon />
        <strong data-testid="batch-status">{t(`s_${batch.status}` as DunningKey)}</strong> ·{' '}
        <a href={batchExportUrl(batch.id, 'csv')} download data-testid="dunning-export-csv">
          {t('exportCsv')}
        </a>{' '}
        ·{' '}
        <a href={batchExportUrl(batch.id, 'xlsx')} download data-testid="dunning-export-xlsx">
          {t('exportXlsx')}
        </a>
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="list" data-testid="dunning-lines">
        <thead>
          <tr>
            <th scope="col">{t('include')}</th>
            <th scope="col">{t('customer')}</th>
            <th scope="col">{t('level')}</th>
            <th scope="col">{t('days')}</th>
            <th scope="col">{t('balance')}</th>
            <th scope="col">{t('penaltyFlat')}</th>
            <th scope="col">{t('penaltyInterest')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className={l.selected ? '' : 'deselected'}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t('include')} ${l.customerName ?? l.customerId}`}
                  checked={l.selected}
                  disabled={!review || busy}
                  onChange={(e) => void change(l, { selected: e.target.checked })}
                />
              </td>
              <th scope="row">
                {l.customerName ?? l.customerId} <small>({l.customerId})</small>
              </th>
              <td>
                <select
                  aria-label={`${t('level')} ${l.customerName ?? l.customerId}`}
                  value={l.effectiveLevel}
                  disabled={!review || busy}
                  onChange={(e) => {
                    const level = Number(e.target.value);
                    void change(l, { levelOverride: level === l.level ? null : level });
                  }}
                >
                  {[...new Set([...levels, l.effectiveLevel])]
                    .sort((a, b) => a - b)
                    .map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                </select>
              </td>
              <td className="num">{days.format(l.days)}</td>
              <td className="num">{money(l.balance, l.currency)}</td>
              <td className="num">{money(l.penaltyFlat, 'EUR')}</td>
              <td className="num">{money(l.penaltyInterest, l.currency)}</td>
              <td>{t(`l_${l.status}` as DunningKey)}</td>
              <td>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act(async () => setPreview(await dunningApi.preview(batch.id, l.id)))}
                >
                  {t('preview')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {skipped.length > 0 && (
        <>
          <h2>{t('skippedTitle')}</h2>
          <ul>
            {skipped.map((s) => (
              <li key={s.customerId}>
                {s.customerId}: {s.reason === 'excluded' || s.reason === 'paused' ? t(s.reason) : s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="actions">
        {task && task.status === 'open' ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={!canSend || selected === 0}
              onClick={async () => {
                if (await askConfirm(t('confirmSend', { n: String(selected) }), t('sendAll')))
                  void act(() => dunningApi.decide(task.id, 'send'));
              }}
            >
              {t('sendAll')}
            </button>{' '}
            {task.outcomes
              .filter((o) => o !== 'send')
              .map((o) => (
                <button
                  key={o}
                  type="button"
                  disabled={!canSend}
                  onClick={() => void act(() => dunningApi.decide(task.id, o))}
                >
                  {o === 'cancel' ? t('cancel') : o}
                </button>
              ))}
          </>
        ) : (
          review && <span>{t('noTask')}</span>
        )}
      </p>
      {preview && (
        <aside className="letter-preview" aria-label={t('previewTitle', { to: preview.to ?? '' })}>
          <h2>{t('previewTitle', { to: preview.to ?? '—' })}</h2>
          <p>
            <strong>{preview.subject}</strong>
          </p>
          <iframe title={preview.subject} sandbox="" srcDoc={preview.html} />
          <p>
            <a href={`data:application/pdf;base64,${preview.statement.base64}`} download={preview.statement.filename}>
              {t('statement')}
            </a>
          </p>
        </aside>
      )}
    </section>
  );
}
