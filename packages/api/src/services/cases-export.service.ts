// The dashboard's cases list as a file: the same filters (status, late, business key) as the list on screen.
import type { CaseListQuery } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { listCases } from './trigger.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const CASES_EXPORT_LIMIT = 10_000;
export const CASES_EXPORT: ExportTable = {
  sheet: 'Cases',
  columns: ['businessKey', 'status', 'late', 'runStatus', 'firstSeenAt', 'lastSeenAt', 'closedAt', 'updates', 'runId'],
  values: ['status', 'late', 'runStatus', 'firstSeenAt', 'lastSeenAt', 'closedAt', 'updates', 'runId'],
};

export async function exportCases(
  deps: AppDeps,
  flowId: string,
  q: Omit<CaseListQuery, 'limit'>,
  format: ExportFormat,
) {
  const { items } = await listCases(deps, flowId, { ...q, limit: CASES_EXPORT_LIMIT });
  const rows = items.map((c) => [
    c.businessKey,
    c.status,
    c.late ? 'yes' : 'no',
    c.runStatus ?? '',
    c.firstSeenAt,
    c.lastSeenAt,
    c.closedAt ?? '',
    String(c.updates),
    c.runId ?? '',
  ]);
  return exportTable(CASES_EXPORT, format, rows);
}
