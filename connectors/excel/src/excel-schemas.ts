import { Type } from '@sinclair/typebox';
import { Money } from '@ledgerflow/flow-model';

export const ExcelConnection = {
  config: Type.Object({
    baseDir: Type.Optional(
      Type.String({ description: 'Folder that file paths are resolved in; nothing outside it can be read or written' }),
    ),
  }),
  secrets: Type.Object({}),
};

const Locale = Type.Union([Type.Literal('auto'), Type.Literal('fr'), Type.Literal('de'), Type.Literal('en')]);
const DateOrder = Type.Union([Type.Literal('DMY'), Type.Literal('MDY'), Type.Literal('YMD')]);

export const ColumnSpecSchema = Type.Object({
  field: Type.String({ minLength: 1 }),
  type: Type.Union([
    Type.Literal('string'),
    Type.Literal('integer'),
    Type.Literal('decimal'),
    Type.Literal('money'),
    Type.Literal('date'),
    Type.Literal('boolean'),
  ]),
  required: Type.Optional(Type.Boolean()),
  aliases: Type.Optional(Type.Array(Type.String())),
  locale: Type.Optional(Locale),
  dateOrder: Type.Optional(DateOrder),
  stripLeadingZeros: Type.Optional(Type.Boolean()),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  currencyField: Type.Optional(Type.String()),
  scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 12 })),
});

export const ReadOptions = {
  sheet: Type.Optional(Type.Union([Type.String(), Type.Integer({ minimum: 1 })])),
  headerRow: Type.Optional(Type.Integer({ minimum: 1 })),
  delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 1 })),
  encoding: Type.Optional(Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1252'), Type.Literal('latin1')])),
};

export const ImportOptionsSchema = {
  columns: Type.Array(ColumnSpecSchema, { minItems: 1 }),
  mapping: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: 'Saved mapping preset: source header → field' }),
  ),
  locale: Type.Optional(Locale),
  dateOrder: Type.Optional(DateOrder),
  date1904: Type.Optional(Type.Boolean()),
  subtotal: Type.Optional(
    Type.Union([
      Type.Literal(false),
      Type.Object({
        labels: Type.Optional(Type.Array(Type.String())),
        fields: Type.Optional(Type.Array(Type.String())),
      }),
    ]),
  ),
  ...ReadOptions,
};

/** French titles of the read options, for the operations that spread them. */
export const READ_OPTIONS_FR = {
  sheet: { title: 'Feuille' },
  headerRow: { title: 'Ligne d’en-tête' },
  delimiter: { title: 'Séparateur' },
  encoding: { title: 'Encodage' },
};

/** French titles of the import options; `mapping` is described by each operation. */
export const IMPORT_OPTIONS_FR = {
  ...READ_OPTIONS_FR,
  columns: { title: 'Colonnes' },
  locale: { title: 'Format régional des nombres' },
  dateOrder: { title: 'Ordre des dates' },
  date1904: { title: 'Calendrier 1904 (Mac)' },
  subtotal: { title: 'Lignes de sous-total' },
};

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Money]);
export const RowProblemSchema = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  field: Type.String(),
  problem: Type.String(),
  value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
});
export const ImportedRowSchema = Type.Object({ row: Type.Integer(), values: Type.Record(Type.String(), Cell) });
export const SummarySchema = Type.Object({
  file: Type.String(),
  sheet: Type.String(),
  headerRow: Type.Integer(),
  mapping: Type.Record(Type.String(), Type.String()),
  unmappedHeaders: Type.Array(Type.String()),
  dataRows: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Integer(),
  skippedBlank: Type.Integer(),
  skippedSubtotal: Type.Integer(),
  skippedHeader: Type.Integer({ description: 'Repeated header rows inside the data, skipped' }),
});

export const FileOutput = Type.Object({
  filename: Type.String(),
  size: Type.Integer(),
  base64: Type.Optional(Type.String()),
  path: Type.Optional(Type.String({ description: 'Where it was written, relative to baseDir' })),
});
