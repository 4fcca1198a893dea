import { useEffect, useRef, useState } from 'react';

/** Subscribes to /api/tasks/stream; calls onChange (debounced) with the ids of changed tasks. */
export function useLiveTasks(onChange: (ids: string[]) => void): boolean {
  const [live, setLive] = useState(false);
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/tasks/stream');
    let pending: string[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const ids = pending;
      pending = [];
      cb.current(ids);
    };
    es.addEventListener('ready', () => setLive(true));
    es.addEventListener('task', (e) => {
      try {
        pending.push((JSON.parse((e as MessageEvent<string>).data) as { id: string }).id);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, 250);
    });
    es.addEventListener('resync', () => cb.current([]));
    es.onerror = () => setLive(false);
    return () => {
      if (timer) clearTimeout(timer);
      es.close();
    };
  }, []);
  return live;
}
