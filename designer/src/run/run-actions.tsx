// Retry and Cancel on a run, shown only where the API allows them: Retry for a run that needs attention, Cancel for
// one that has not ended, and both only for the roles that operate runs. The server's refusal is shown as it says.
import { isEndedRunStatus } from '@ledgerflow/flow-model';
import { useState } from 'react';
import { useSession } from '../shell/session.ts';
import { askConfirm } from '../shell/confirm.ts';
import { runsApi } from '../pages/runs/runs-api.ts';
import { useRunsT } from '../pages/runs/runs-i18n.ts';
import { ApiErrorText } from './api-error-text.tsx';

const OPERATORS = ['admin', 'process_owner', 'approver', 'collector', 'manager'];

export function RunActions({ runId, status, onDone }: { runId: string; status: string; onDone: () => void }) {
  const t = useRunsT();
  const roles = useSession((s) => s.user?.roles ?? []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!roles.some((r) => OPERATORS.includes(r))) return null;
  const act = async (call: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      setDone(message);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="run-actions">
      {status === 'needs_attention' && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void act(() => runsApi.retry(runId), t('retried'))}
        >
          {t('retry')}
        </button>
      )}
      {!isEndedRunStatus(status as never) && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () =>
            (await askConfirm(t('confirmCancel'), t('cancel'))) && void act(() => runsApi.cancel(runId), t('cancelled'))
          }
        >
          {t('cancel')}
        </button>
      )}
      {done && <span role="status">{done}</span>}
      {error !== null && <ApiErrorText error={error} />}
    </span>
  );
}
