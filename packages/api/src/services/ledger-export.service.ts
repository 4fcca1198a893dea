// The ledger customers list as a file, a page at a time: 200,000 customers are streamed, never held in memory.
// One line per customer and currency (a customer without open items has one line without amounts).
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../app-deps.ts';
import { csvLine, spreadsheetSafe } from './audit-export.service.ts';
import { ledgerCustomerPages, type LedgerCustomerView, type LedgerListQuery } from './ledger.service.ts';

export const LEDGER_EXPORT_COLUMNS = [
  'company',
  'customer',
  'name',
  'segment',
  'language',
  'email',
  'excluded',
  'pausedUntil',
  'currency',
  'open',
  'overdue',
  'openItems',
  'dunningLevel',
] as const;

// Names and addresses come from the ERP: spreadsheetSafe keeps a formula-looking one from running.
function lines(c: LedgerCustomerView): string[][] {
  const head = [c.company, c.customerId, c.name ?? '', c.segment ?? '', c.language ?? '', c.email ?? ''].map(
    spreadsheetSafe,
  );
  const tail = [c.excluded ? 'yes' : 'no', c.pausedUntil ?? ''];
  const level = c.dunningLevel === null ? '' : String(c.dunningLevel);
  if (c.balances.length === 0) return [[...head, ...tail, '', '', '', '0', level]];
  return c.balances.map((b) => [...head, ...tail, b.currency, b.open, b.overdue, String(b.items), level]);
}

export function ledgerCustomersCsv(deps: AppDeps, q: LedgerListQuery): Readable {
  async function* out() {
    yield csvLine(LEDGER_EXPORT_COLUMNS);
    for await (const page of ledgerCustomerPages(deps, q)) yield page.flatMap(lines).map(csvLine).join('');
  }
  return Readable.from(out());
}

export function ledgerCustomersXlsx(deps: AppDeps, q: LedgerListQuery): Readable {
  const stream = new PassThrough();
  void (async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
    const sheet = book.addWorksheet('Ledger customers');
    sheet.addRow([...LEDGER_EXPORT_COLUMNS]).commit();
    for await (const page of ledgerCustomerPages(deps, q))
      for (const l of page.flatMap(lines)) sheet.addRow(l).commit();
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => stream.destroy(err as Error));
  return stream;
}
