// A file feed's lists as CSV or XLSX: the keys whose case has closed (the write-back for an extractor that cannot be
// written to: it takes them off its next extract; with onClosed 'ignore' a key still listed is only marked seen),
// and the files received with their outcome.
import ExcelJS from 'exceljs';
import { createCaseStore, createFeedFileStore, pgTimestampIso } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { spreadsheetSafe } from './audit-export.service.ts';

const MAX_KEYS = 100_000;
export const CLOSED_KEYS_COLUMNS = ['key', 'closedAt'] as const;

async function closedRows(deps: AppDeps, flowId: string): Promise<string[][]> {
  const rows = await createCaseStore(deps.orm.em.fork()).closedKeys(flowId, MAX_KEYS);
  return rows.map((r) => [spreadsheetSafe(r.business_key), pgTimestampIso(r.closed_at)]);
}

export const FEED_FILES_COLUMNS = [
  'receivedAt',
  'name',
  'size',
  'arrivedVia',
  'sender',
  'status',
  'imported',
  'rejected',
  'detail',
] as const;
const MAX_FILES = 10_000;

async function fileRows(deps: AppDeps, flowId: string): Promise<string[][]> {
  const rows = await createFeedFileStore(deps.orm.em.fork()).list(flowId, MAX_FILES);
  return rows.map((r) => {
    const summary = (r.report?.summary ?? {}) as { imported?: number; rejected?: number };
    const error = (r.error ?? {}) as { message?: string };
    return [
      pgTimestampIso(r.received_at),
      spreadsheetSafe(r.name),
      String(r.size),
      r.arrived_via,
      spreadsheetSafe(r.sender ?? ''),
      r.status,
      summary.imported === undefined ? '' : String(summary.imported),
      summary.rejected === undefined ? '' : String(summary.rejected),
      spreadsheetSafe(r.refusal ?? error.message ?? ''),
    ];
  });
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (columns: readonly string[], rows: string[][]) =>
  [[...columns], ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
async function xlsx(sheetName: string, columns: readonly string[], rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow([...columns]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const closedKeysCsv = async (deps: AppDeps, flowId: string) =>
  csv(CLOSED_KEYS_COLUMNS, await closedRows(deps, flowId));
export const closedKeysXlsx = async (deps: AppDeps, flowId: string) =>
  xlsx('Closed keys', CLOSED_KEYS_COLUMNS, await closedRows(deps, flowId));
export const feedFilesCsv = async (deps: AppDeps, flowId: string) =>
  csv(FEED_FILES_COLUMNS, await fileRows(deps, flowId));
export const feedFilesXlsx = async (deps: AppDeps, flowId: string) =>
  xlsx('Files', FEED_FILES_COLUMNS, await fileRows(deps, flowId));
