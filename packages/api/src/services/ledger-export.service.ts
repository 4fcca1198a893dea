// The ledger customers list as a file, a page at a time: 200,000 customers are streamed, never held in memory.
// One line per customer and currency (a customer without open items has one line without amounts).
import type { Readable } from 'node:stream';
import type { AppDeps } from '../app-deps.ts';
import type { LedgerImportFilter, LedgerItemFilter } from '@ledgerflow/db';
import {
  getLedgerCustomer,
  ledgerCustomerPages,
  listLedgerImports,
  type LedgerCustomerView,
  type LedgerListQuery,
} from './ledger.service.ts';
import { exportTable, streamTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const LEDGER_EXPORT: ExportTable = {
  sheet: 'Ledger customers',
  columns: [
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
  ],
  // A customer in credit has a negative balance: its minus is a sign, not a formula.
  values: ['open', 'overdue', 'openItems', 'dunningLevel'],
};

function lines(c: LedgerCustomerView): string[][] {
  const head = [c.company, c.customerId, c.name ?? '', c.segment ?? '', c.language ?? '', c.email ?? ''];
  const tail = [c.excluded ? 'yes' : 'no', c.pausedUntil ?? ''];
  const level = c.dunningLevel === null ? '' : String(c.dunningLevel);
  if (c.balances.length === 0) return [[...head, ...tail, '', '', '', '0', level]];
  return c.balances.map((b) => [...head, ...tail, b.currency, b.open, b.overdue, String(b.items), level]);
}

async function* rows(deps: AppDeps, q: LedgerListQuery) {
  for await (const page of ledgerCustomerPages(deps, q)) yield page.flatMap(lines);
}

export const exportLedgerCustomers = (deps: AppDeps, q: LedgerListQuery, format: ExportFormat): Readable =>
  streamTable(LEDGER_EXPORT, format, rows(deps, q));

export const LEDGER_IMPORTS_EXPORT_LIMIT = 10_000;
export const LEDGER_IMPORTS_EXPORT: ExportTable = {
  sheet: 'Ledger imports',
  columns: [
    'startedAt',
    'finishedAt',
    'source',
    'company',
    'mode',
    'asOf',
    'status',
    'rowsRead',
    'inserted',
    'updated',
    'unchanged',
    'settled',
    'errors',
    'failure',
    'importId',
  ],
};

/** The imports list as a file, with the list's filters (source, company, status), newest first. */
export async function exportLedgerImports(deps: AppDeps, f: LedgerImportFilter, format: ExportFormat) {
  const { items } = await listLedgerImports(deps, f, LEDGER_IMPORTS_EXPORT_LIMIT, 0);
  const rows = items.map((i) => [
    i.startedAt,
    i.finishedAt ?? '',
    i.source,
    i.company,
    i.mode,
    i.asOf,
    i.status,
    String(i.rowsRead),
    String(i.inserted),
    String(i.updated),
    String(i.unchanged),
    String(i.settled),
    String(i.errorCount),
    i.failure ?? '',
    i.id,
  ]);
  return exportTable(LEDGER_IMPORTS_EXPORT, format, rows);
}

export const LEDGER_ITEMS_EXPORT: ExportTable = {
  sheet: 'Ledger items',
  columns: [
    'document',
    'type',
    'documentDate',
    'dueDate',
    'currency',
    'amount',
    'openAmount',
    'status',
    'disputed',
    'settledAt',
    'dunningLevel',
  ],
  // A credit note's amount is negative: its minus is a sign, not a formula.
  values: ['type', 'documentDate', 'dueDate', 'currency', 'amount', 'openAmount', 'status', 'disputed', 'settledAt'],
};
export const LEDGER_HISTORY_EXPORT: ExportTable = {
  sheet: 'Ledger history',
  columns: [
    'document',
    'validFrom',
    'validTo',
    'currency',
    'amount',
    'openAmount',
    'dueDate',
    'status',
    'disputed',
    'importId',
  ],
  values: ['validFrom', 'validTo', 'currency', 'amount', 'openAmount', 'dueDate', 'status', 'disputed', 'importId'],
};

/**
 * One customer's items or their history as a file: read as the customer page reads them (same roles, same filters, a
 * 404 for a customer the ledger does not have), so the file holds the rows the page lists.
 */
export async function exportLedgerCustomerItems(
  deps: AppDeps,
  company: string,
  customerId: string,
  list: 'items' | 'history',
  f: LedgerItemFilter,
  format: ExportFormat,
) {
  const c = await getLedgerCustomer(deps, company, customerId, f);
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  if (list === 'history') {
    const rows = c.history.map((h) => [
      h.document,
      h.validFrom,
      h.validTo ?? '',
      h.currency,
      h.amount,
      h.openAmount,
      h.dueDate ?? '',
      h.status,
      yesNo(h.disputed),
      h.importId ?? '',
    ]);
    return exportTable(LEDGER_HISTORY_EXPORT, format, rows);
  }
  const rows = c.items.map((i) => [
    i.document,
    i.itemType,
    i.documentDate ?? '',
    i.dueDate ?? '',
    i.currency,
    i.amount,
    i.openAmount,
    i.status,
    yesNo(i.disputed),
    i.settledAt ?? '',
    i.dunningLevel === null ? '' : String(i.dunningLevel),
  ]);
  return exportTable(LEDGER_ITEMS_EXPORT, format, rows);
}
