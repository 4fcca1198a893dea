// The ECB rates table as a file: one row per rate, the rate as exact decimal text.
import type { listEcbRates } from './ecb-rates.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

type Rate = Awaited<ReturnType<typeof listEcbRates>>['rates'][number];

export const ECB_EXPORT: ExportTable = {
  sheet: 'ECB rates',
  columns: ['effectiveDate', 'ratePercent', 'createdAt', 'createdBy'],
  // The ECB's rate went below zero in 2014-2022.
  values: ['effectiveDate', 'ratePercent', 'createdAt'],
};

export const exportEcbRates = (rates: readonly Rate[], format: ExportFormat) =>
  exportTable(
    ECB_EXPORT,
    format,
    rates.map((r) => [r.effectiveDate, r.rate, r.createdAt, r.createdBy ?? '']),
  );
