// A file feed's lists as CSV or XLSX: the keys whose case has closed (the write-back for an extractor that cannot be
// written to: it takes them off its next extract; with onClosed 'ignore' a key still listed is only marked seen),
// and the files received with their outcome.
import { createCaseStore, createFeedFileStore, pgTimestampIso } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

const MAX_KEYS = 100_000;
export const CLOSED_KEYS_EXPORT: ExportTable = { sheet: 'Closed keys', columns: ['key', 'closedAt'] };

export async function exportClosedKeys(deps: AppDeps, flowId: string, format: ExportFormat) {
  const rows = await createCaseStore(deps.orm.em.fork()).closedKeys(flowId, MAX_KEYS);
  return exportTable(
    CLOSED_KEYS_EXPORT,
    format,
    rows.map((r) => [r.business_key, pgTimestampIso(r.closed_at)]),
  );
}

export const FEED_FILES_EXPORT: ExportTable = {
  sheet: 'Files',
  columns: ['receivedAt', 'name', 'size', 'arrivedVia', 'sender', 'status', 'imported', 'rejected', 'detail'],
};
const MAX_FILES = 10_000;

export async function exportFeedFiles(deps: AppDeps, flowId: string, format: ExportFormat) {
  const rows = await createFeedFileStore(deps.orm.em.fork()).list(flowId, MAX_FILES);
  const cells = rows.map((r) => {
    const summary = (r.report?.summary ?? {}) as { imported?: number; rejected?: number };
    const error = (r.error ?? {}) as { message?: string };
    return [
      pgTimestampIso(r.received_at),
      r.name,
      String(r.size),
      r.arrived_via,
      r.sender ?? '',
      r.status,
      summary.imported === undefined ? '' : String(summary.imported),
      summary.rejected === undefined ? '' : String(summary.rejected),
      r.refusal ?? error.message ?? '',
    ];
  });
  return exportTable(FEED_FILES_EXPORT, format, cells);
}
