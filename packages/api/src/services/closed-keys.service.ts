// The write-back for an extractor that cannot be written to: the keys whose case has closed, as CSV or XLSX, to
// take off the list before the next extract (with onClosed 'ignore' a key still listed is only marked seen).
import ExcelJS from 'exceljs';
import { createCaseStore, pgTimestampIso } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { spreadsheetSafe } from './audit-export.service.ts';

const MAX_KEYS = 100_000;
export const CLOSED_KEYS_COLUMNS = ['key', 'closedAt'] as const;

async function closedRows(deps: AppDeps, flowId: string): Promise<string[][]> {
  const rows = await createCaseStore(deps.orm.em.fork()).closedKeys(flowId, MAX_KEYS);
  return rows.map((r) => [spreadsheetSafe(r.business_key), pgTimestampIso(r.closed_at)]);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function closedKeysCsv(deps: AppDeps, flowId: string): Promise<string> {
  const rows = [[...CLOSED_KEYS_COLUMNS], ...(await closedRows(deps, flowId))];
  return rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

export async function closedKeysXlsx(deps: AppDeps, flowId: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Closed keys');
  sheet.addRow([...CLOSED_KEYS_COLUMNS]);
  for (const r of await closedRows(deps, flowId)) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
