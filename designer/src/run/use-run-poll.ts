import { useEffect, useState } from 'react';
import { isEndedRunStatus } from '@ledgerflow/flow-model';
import { api, type RunDetail } from '../api/client.ts';

/** Polls a run until it finishes; polling stops after `maxPolls` so a stuck run does not poll forever. */
export function useRunPoll(
  runId: string | null,
  intervalMs = 1000,
  maxPolls = 600,
): { detail: RunDetail | null; error: string | null } {
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!runId) return;
    let live = true;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const d = await api.getRun(runId);
        if (!live) return;
        setDetail(d);
        setError(null);
        if (!isEndedRunStatus(d.run.status) && ++polls < maxPolls) timer = setTimeout(() => void tick(), intervalMs);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId, intervalMs, maxPolls]);
  return { detail, error };
}
