import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import {
  ExcelConnection,
  IMPORT_OPTIONS_FR,
  ImportOptionsSchema,
  ImportedRowSchema,
  RowProblemSchema,
  SummarySchema,
} from './excel-schemas.ts';
import { FileInput, resolveFile } from './file-input.ts';
import { collectImport } from './importer.ts';

export const importSheetAction = defineAction({
  title: 'Import a sheet (.xlsx / .csv)',
  description:
    'Reads rows through a header mapping with typed, locale-aware columns. Bad rows come back in `rejected` with one problem per cell; subtotal and blank rows are skipped and counted.',
  translations: {
    fr: {
      title: 'Importer une feuille (.xlsx / .csv)',
      description:
        'Lit les lignes via une correspondance d’en-têtes, avec des colonnes typées selon les conventions locales. Les lignes en erreur reviennent dans `rejected` avec un problème par cellule ; les sous-totaux et les lignes vides sont ignorés et comptés.',
      fields: {
        ...IMPORT_OPTIONS_FR,
        file: {
          title: 'Fichier',
          description:
            'Soit le contenu en base64 (avec le nom), soit un chemin sous le dossier de base de la connexion',
        },
        mapping: {
          title: 'Correspondance des colonnes',
          description: 'Correspondance enregistrée : en-tête source → champ',
        },
        limit: {
          title: 'Nombre maximal de lignes',
          description: 'Nombre maximal de lignes (et de lignes rejetées) renvoyées ; les compteurs restent complets',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    file: FileInput,
    ...ImportOptionsSchema,
    limit: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 10_000,
      description: 'Most rows (and rejected rows) returned; counts stay complete',
    }),
  }),
  output: Type.Object({
    rows: Type.Array(ImportedRowSchema),
    rejected: Type.Array(
      Type.Object({
        row: Type.Integer(),
        problems: Type.Array(RowProblemSchema),
        values: ImportedRowSchema.properties.values,
      }),
    ),
    problems: Type.Array(RowProblemSchema),
    summary: SummarySchema,
    truncated: Type.Boolean(),
  }),
  async run(ctx, input) {
    const file = await resolveFile(input.file, (ctx.connection.config as { baseDir?: string }).baseDir, ctx.operation);
    const { file: _f, limit, ...opts } = input;
    const result = await collectImport(file, { ...opts, action: ctx.operation }, limit);
    ctx.logger.info({ ...result.summary, mapping: undefined }, 'sheet imported');
    return result;
  },
});

export const excelConnection = ExcelConnection;
