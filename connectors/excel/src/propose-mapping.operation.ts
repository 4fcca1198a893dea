import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import { displayValue, isBlank } from './cell-convert.ts';
import { ColumnSpecSchema, READ_OPTIONS_FR, ReadOptions } from './excel-schemas.ts';
import { FileInput, resolveFile } from './file-input.ts';
import { matchHeaders } from './header-match.ts';
import { openRows } from './row-source.ts';

/** Reads only the header row and proposes a mapping for the user to confirm and save as a preset. */
export const proposeMappingAction = defineAction({
  title: 'Propose a column mapping',
  translations: {
    fr: {
      title: 'Proposer une correspondance de colonnes',
      fields: {
        ...READ_OPTIONS_FR,
        mapping: { title: 'Correspondance des colonnes' },
        columns: { title: 'Colonnes' },
        file: {
          title: 'Fichier',
          description:
            'Soit le contenu en base64 (avec le nom), soit un chemin sous le dossier de base de la connexion',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    file: FileInput,
    columns: Type.Array(ColumnSpecSchema, { minItems: 1 }),
    mapping: Type.Optional(Type.Record(Type.String(), Type.String())),
    ...ReadOptions,
  }),
  output: Type.Object({
    sheet: Type.String(),
    headerRow: Type.Integer(),
    headers: Type.Array(Type.String()),
    mapping: Type.Record(Type.String(), Type.String()),
    confidence: Type.Record(Type.String(), Type.String()),
    unmatchedFields: Type.Array(Type.String()),
    unmatchedHeaders: Type.Array(Type.String()),
  }),
  async run(ctx, input) {
    const file = await resolveFile(input.file, (ctx.connection.config as { baseDir?: string }).baseDir, ctx.operation);
    const src = openRows(file, {
      sheet: input.sheet,
      delimiter: input.delimiter,
      encoding: input.encoding,
      action: ctx.operation,
    });
    for await (const raw of src.rows) {
      if (input.headerRow !== undefined ? raw.row < input.headerRow : raw.cells.every(isBlank)) continue;
      const headers = raw.cells.map((c) => (c === null ? '' : String(displayValue(c)).trim()));
      const m = matchHeaders(headers, input.columns, input.mapping);
      return { sheet: src.sheetName, headerRow: raw.row, headers, ...m };
    }
    return {
      sheet: src.sheetName,
      headerRow: 0,
      headers: [],
      mapping: {},
      confidence: {},
      unmatchedFields: input.columns.map((c) => c.field),
      unmatchedHeaders: [],
    };
  },
});
