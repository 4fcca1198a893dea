// The extraction of a record-feed flow: live counts while it runs (it can read thousands of records), or how
// the last one ended. Polls only while an extraction runs or the user just started one.
import { useEffect, useState } from 'react';
import { useLang } from '../../i18n/i18n.ts';
import { dashboardsApi, type FeedStatus } from './dashboards-api.ts';
import { useDashboardsT } from './dashboards-i18n.ts';

const POLL_MS = 1500;

export function FeedProgress({ flowId, active }: { flowId: string; active: boolean }) {
  const t = useDashboardsT();
  const lang = useLang((s) => s.lang);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const [status, setStatus] = useState<FeedStatus | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const s = await dashboardsApi.feedStatus(flowId).catch(() => null);
      if (stopped) return;
      if (s) setStatus(s);
      if (active || s?.state === 'running') timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [flowId, active]);

  if (!status) return null;
  const num = new Intl.NumberFormat(locale);
  const time = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)) : '';
  const polled = num.format(status.stats?.polled ?? 0);
  if (status.state === 'failed')
    return (
      <p role="alert" className="error" data-testid="feed-status">
        {t('feedFailed', { error: status.error ?? '' })}
      </p>
    );
  if (status.state === 'running') {
    return (
      <div className="card feed-progress" role="status" aria-live="polite" data-testid="feed-status">
        <p>{t('feedRunning', { time: time(status.startedAt), polled })}</p>
        {/* No total: a feed does not say how many records it holds, so the bar is indeterminate. */}
        <progress aria-label={t('feedProgress')} />
      </div>
    );
  }
  if (status.state === 'never')
    return (
      <p className="muted" data-testid="feed-status">
        {t('feedNever')}
      </p>
    );
  const seconds =
    status.startedAt && status.finishedAt ? (Date.parse(status.finishedAt) - Date.parse(status.startedAt)) / 1000 : 0;
  return (
    <p className="muted" data-testid="feed-status">
      {t('feedDone', { time: time(status.finishedAt), polled, seconds: num.format(Math.round(seconds * 10) / 10) })}
    </p>
  );
}
