import { useCallback, useEffect, useState } from 'react';
import type { ApiResponse } from '../api/api-types.ts';
import { send } from '../api/client.ts';
import { useSession } from '../shell/session.ts';
import { askConfirm } from '../shell/confirm.ts';
import { useFlow } from '../canvas/editor-context.ts';
import { useScheduleT } from './schedule-i18n.ts';
import { useDateFormat } from '../i18n/format-date.ts';

type Status = ApiResponse<'/api/flows/{id}/schedule', 'get'>;
type Op = 'pause' | 'resume' | 'deactivate' | 'activate';
const ROUTES = {
  pause: '/api/flows/{id}/schedule/pause',
  resume: '/api/flows/{id}/schedule/resume',
  deactivate: '/api/flows/{id}/schedule/deactivate',
  activate: '/api/flows/{id}/schedule/activate',
} as const;

const OPS: Record<Status['state'], Op[]> = {
  active: ['pause', 'deactivate'],
  paused: ['resume', 'deactivate'],
  inactive: ['activate'],
  none: [],
};

/** The published version's schedule, its skipped firings and, for process owners, pause/resume/deactivate. */
export function SchedulePanel() {
  const t = useScheduleT();
  const dates = useDateFormat();
  const flowId = useFlow((s) => s.flowId);
  const owner = useSession((s) => !!s.user?.roles.some((r) => r === 'process_owner' || r === 'admin'));
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!flowId) return;
    try {
      setStatus(await send('get', '/api/flows/{id}/schedule', { id: flowId }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [flowId]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (op: Op) => {
    if (!flowId || (op === 'deactivate' && !(await askConfirm(t('deactivateConfirm'), t('deactivate'))))) return;
    setBusy(true);
    try {
      setStatus(await send('post', ROUTES[op], { id: flowId }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!flowId) return null;
  const when = (iso: string | null) => (iso ? dates.instant(iso) : t('none'));
  return (
    <section className="schedule-panel" aria-label={t('title')}>
      <h4>{t('title')}</h4>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status && status.state === 'none' && <p>{t('state_none')}</p>}
      {status && status.state !== 'none' && (
        <>
          <p>
            <strong data-testid="schedule-state" data-state={status.state}>
              {t(`state_${status.state}`)}
            </strong>
          </p>
          <dl>
            {status.overlap && (
              <>
                <dt>{t('overlap')}</dt>
                <dd>{t(`overlap_${status.overlap}`)}</dd>
              </>
            )}
            {status.state === 'active' && (
              <>
                <dt>{t('next')}</dt>
                <dd>{when(status.nextFireAt)}</dd>
              </>
            )}
            <dt>{t('skipped')}</dt>
            <dd title={t('skippedHelp')}>
              <span data-testid="schedule-skipped">{status.skipped.total}</span>
              {status.skipped.lastSeenAt && ` (${t('lastSkip')} ${when(status.skipped.lastSeenAt)})`}
            </dd>
            {status.state === 'inactive' && status.deactivatedAt && (
              <>
                <dt>{t('deactivatedAt')}</dt>
                <dd>{when(status.deactivatedAt)}</dd>
              </>
            )}
          </dl>
        </>
      )}
      <div className="row">
        {owner &&
          status &&
          OPS[status.state].map((op) => (
            <button key={op} type="button" disabled={busy} onClick={() => void run(op)}>
              {t(op)}
            </button>
          ))}
        <button type="button" disabled={busy} onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
    </section>
  );
}
