// The audit log's export as CSV or XLSX, written a page at a time: a log of 100k entries is streamed, never
// held as one string or one workbook in memory.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AuditFilter } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { auditPages, type AuditView } from './audit.service.ts';

export const AUDIT_EXPORT_COLUMNS = [
  'id',
  'at',
  'action',
  'actor',
  'ip',
  'userAgent',
  'targetType',
  'targetId',
  'before',
  'after',
  'details',
] as const;

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** One entry as the export's cells, in AUDIT_EXPORT_COLUMNS order. */
function cells(e: AuditView): string[] {
  return [
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
  ].map(spreadsheetSafe);
}

/**
 * A cell a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return that some
 * programs skip before one) gets a leading apostrophe, so an attacker's user name cannot run in an auditor's Excel.
 */
export function spreadsheetSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;

export function auditCsv(deps: AppDeps, f: AuditFilter): Readable {
  async function* lines() {
    yield csvLine(AUDIT_EXPORT_COLUMNS);
    for await (const page of auditPages(deps, f)) yield page.map((e) => csvLine(cells(e))).join('');
  }
  return Readable.from(lines());
}

export function auditXlsx(deps: AppDeps, f: AuditFilter): Readable {
  const out = new PassThrough();
  const write = async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = book.addWorksheet('Audit');
    sheet.addRow([...AUDIT_EXPORT_COLUMNS]).commit();
    for await (const page of auditPages(deps, f)) for (const e of page) sheet.addRow(cells(e)).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
