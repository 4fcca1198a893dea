import { WorkflowNotFoundError } from '@temporalio/client';
import { createCaseStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';

/** The event a case receives when its key has left a full extract: a wait node may wait for it. */
export const RECORD_GONE_EVENT = 'record.gone';

/** At most this many rejected rows are kept in a file's report; the counts stay complete. */
const MAX_REJECTED = 500;

type Rejected = { row: number; problems: unknown[] };
export type FileReportValue = {
  file?: string;
  complete?: boolean;
  summary?: Record<string, unknown>;
  rejected: Rejected[];
};

/** A file extraction's report, merged page by page: the latest summary and the rejected rows of every page. */
export class FileReport {
  value: FileReportValue;
  constructor(start?: FileReportValue) {
    this.value = start ?? { rejected: [] };
  }
  add(page: Record<string, unknown>): FileReportValue {
    const rejected = Array.isArray(page.rejected) ? (page.rejected as Rejected[]) : [];
    this.value = {
      ...this.value,
      ...page,
      rejected: [...this.value.rejected, ...rejected].slice(0, MAX_REJECTED),
    };
    return this.value;
  }
  /** Rejected rows in the whole file (the summary's count, else what was kept). */
  get rejectedRows(): number {
    const n = this.value.summary?.rejected;
    return typeof n === 'number' ? n : this.value.rejected.length;
  }
}

/**
 * Marks the open cases a full extract did not deliver as gone and tells each running case with a `record.gone`
 * event (its id derives from the extraction, so a retried activity's second signal is dropped by the workflow).
 * What gone means is the flow's decision: a case waiting for the event moves on; one that is not keeps it
 * buffered. A case whose run has already ended is closed.
 */
export async function markGoneCases(
  deps: ActivityDeps,
  flowId: string,
  since: Date,
  extraction: string,
): Promise<number> {
  const cases = createCaseStore(deps.orm.em.fork());
  const gone = await cases.markGone(flowId, since);
  for (const c of gone) {
    try {
      await deps.temporal!.workflow.getHandle(c.workflow_id).signal('event', {
        name: RECORD_GONE_EVENT,
        payload: { businessKey: c.business_key },
        id: `gone-${extraction}-${c.business_key}`,
      });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await cases.close(flowId, c.business_key);
    }
  }
  return gone.length;
}
