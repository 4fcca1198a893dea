import { defineConnector } from '@ledgerflow/connector-sdk';
import { ExcelConnection } from './excel-schemas.ts';
import { exportSheetAction } from './export-sheet.operation.ts';
import { fileRecordsFeed } from './file-records.feed.ts';
import { importSheetAction } from './import-sheet.operation.ts';
import { proposeMappingAction } from './propose-mapping.operation.ts';
import { updateSheetAction } from './update-sheet.operation.ts';

export const connector = defineConnector({
  id: 'excel',
  version: '0.1.0',
  title: 'Excel & CSV',
  description: 'Imports .xlsx/.csv with header mapping and locale-aware typed columns; exports and updates workbooks.',
  translations: {
    fr: {
      title: 'Excel et CSV',
      description:
        'Importe des fichiers .xlsx/.csv avec correspondance des en-têtes et colonnes typées selon les conventions locales ; exporte et met à jour des classeurs.',
      fields: {
        baseDir: {
          title: 'Dossier des fichiers',
          description: 'Dossier où les chemins de fichiers sont résolus ; rien en dehors ne peut être lu ni écrit',
        },
      },
    },
  },
  connection: {
    config: ExcelConnection.config,
    secrets: ExcelConnection.secrets,
    async test() {
      return { ok: true, message: 'no remote system: files are read from base64 or baseDir' };
    },
  },
  actions: {
    importSheet: importSheetAction,
    proposeMapping: proposeMappingAction,
    exportSheet: exportSheetAction,
    updateSheet: updateSheetAction,
  },
  feeds: {
    fileRecords: fileRecordsFeed,
  },
});

export { importSheet, collectImport, DEFAULT_SUBTOTAL_LABELS } from './importer.ts';
export { readFeedFile } from './feed-file-reader.ts';
export type { ImportOptions, ImportEvent, ImportRun, ImportSummary, RowProblem, CollectedImport } from './importer.ts';
export { matchHeaders, normaliseHeader } from './header-match.ts';
export type { MappingPreset, HeaderMatch, TargetField, ColumnType } from './header-match.ts';
export type { ColumnSpec, CellValue, MoneyValue } from './cell-convert.ts';
export { parseLocaleNumber, parseDateText, excelSerialToIso, numberToDecimal } from './locale-parse.ts';
export { resolveFile, resolveUnderBaseDir, FileInput } from './file-input.ts';
export type { ResolvedFile, FileFormat } from './file-input.ts';
export { writeRowsXlsx, escapeCellText, toCellValue } from './sheet-writer.ts';
export type { ExportColumn } from './sheet-writer.ts';
export { updateSheet } from './sheet-update.ts';
export type { UpdateSheetOptions, UpdateSheetResult } from './sheet-update.ts';
