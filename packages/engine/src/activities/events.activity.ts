import { createRunEventStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { RecordEventsInput } from './activity-types.ts';

type Pending = { input: RecordEventsInput; done: (err?: unknown) => void };

const BATCH_WINDOW_MS = 5;

/**
 * Appends run events and updates run projections. Writes from concurrent runs are grouped (a few ms
 * window) into ONE statement of data-modifying CTEs: under load, hundreds of runs cost one round trip.
 * Each caller resolves only once its rows are committed. Idempotent per (runId, seq).
 */
export function recordEventsActivity(deps: ActivityDeps) {
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;

  const store = createRunEventStore(deps.orm.em.fork());
  const write = (batch: Pending[]): Promise<void> => store.writeProgress(batch.map((b) => b.input));

  function drain(): void {
    timer = null;
    const batch = queue;
    queue = [];
    write(batch).then(
      () => batch.forEach((b) => b.done()),
      // One bad write must not fail its neighbours: retry each alone, so only the culprit reports an error.
      () =>
        batch.forEach(
          (b) =>
            void write([b]).then(
              () => b.done(),
              (err: unknown) => b.done(err),
            ),
        ),
    );
  }

  return function recordEvents(input: RecordEventsInput): Promise<void> {
    if (!input.events.length && !input.projection) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      queue.push({ input, done: (err) => (err === undefined ? resolve() : reject(err)) });
      timer ??= setTimeout(drain, BATCH_WINDOW_MS);
    });
  };
}
