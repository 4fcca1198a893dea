// A batch's lines as a file, as reviewed: one row per customer and currency, amounts as exact decimal text.
import type { lineView } from './dunning-batches.service.ts';
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
