// The audit log's export as CSV or XLSX, written a page at a time: a log of 100k entries is streamed, never
// held as one string or one workbook in memory.
import type { Readable } from 'node:stream';
import type { AuditFilter } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { auditPages, type AuditView } from './audit.service.ts';
import { streamTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const AUDIT_EXPORT: ExportTable = {
  sheet: 'Audit',
  columns: ['id', 'at', 'action', 'actor', 'ip', 'userAgent', 'targetType', 'targetId', 'before', 'after', 'details'],
};

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** One entry as the export's cells, in AUDIT_EXPORT column order. */
const cells = (e: AuditView): string[] => [
  e.id,
  e.at,
  e.action,
  e.actorUsername ?? '',
  e.ip ?? '',
  e.userAgent ?? '',
  e.targetType ?? '',
  e.targetId ?? '',
  json(e.before),
  json(e.after),
  json(e.details),
];

async function* rows(deps: AppDeps, f: AuditFilter) {
  for await (const page of auditPages(deps, f)) yield page.map(cells);
}

export const exportAudit = (deps: AppDeps, f: AuditFilter, format: ExportFormat): Readable =>
  streamTable(AUDIT_EXPORT, format, rows(deps, f));
