// A batch's lines as a file, as reviewed: one row per customer and currency, amounts as exact decimal text.
import type { DunningBatchStatus } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { listDunningBatches, type lineView } from './dunning-batches.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

type Line = ReturnType<typeof lineView>;

export const DUNNING_EXPORT: ExportTable = {
  sheet: 'Dunning batch',
  columns: [
    'customer',
    'name',
    'email',
    'language',
    'currency',
    'level',
    'days',
    'balance',
    'totalOpen',
    'penaltyFlatEUR',
    'penaltyInterest',
    'selected',
    'status',
  ],
  // A credit balance is negative: its minus is a sign, not a formula.
  values: ['level', 'days', 'balance', 'totalOpen', 'penaltyFlatEUR', 'penaltyInterest'],
};

const cells = (l: Line): string[] => [
  l.customerId,
  l.customerName ?? '',
  l.email ?? '',
  l.language ?? '',
  l.currency,
  String(l.effectiveLevel),
  String(l.days),
  l.balance,
  l.totalOpen,
  l.penaltyFlat,
  l.penaltyInterest,
  l.selected ? 'yes' : 'no',
  l.status,
];

export const exportDunningBatch = (lines: readonly Line[], format: ExportFormat) =>
  exportTable(DUNNING_EXPORT, format, lines.map(cells));

export const DUNNING_BATCHES_EXPORT_LIMIT = 10_000;
export const DUNNING_BATCHES_EXPORT: ExportTable = {
  sheet: 'Dunning batches',
  columns: ['asOf', 'company', 'status', 'customers', 'selected', 'sent', 'createdAt', 'sentAt', 'batchId'],
};

/** The batches list as a file, with the list's status filter, newest first as on the page. */
export async function exportDunningBatches(
  deps: AppDeps,
  status: DunningBatchStatus | undefined,
  format: ExportFormat,
) {
  const { items } = await listDunningBatches(deps, { status, limit: DUNNING_BATCHES_EXPORT_LIMIT, offset: 0 });
  const rows = items.map((b) => [
    b.asOf,
    b.company ?? '',
    b.status,
    String(b.lineCount),
    String(b.selectedCount),
    String(b.sentCount),
    b.createdAt,
    b.sentAt ?? '',
    b.id,
  ]);
  return exportTable(DUNNING_BATCHES_EXPORT, format, rows);
}
