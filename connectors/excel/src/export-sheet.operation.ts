import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import { FileOutput } from './excel-schemas.ts';
import { deliverFile } from './file-output.ts';
import { writeRowsXlsx } from './sheet-writer.ts';

export const exportSheetAction = defineAction({
  title: 'Export rows to a new .xlsx',
  description: 'Text cells starting with = + - @ are escaped against formula injection; numbers stay numbers.',
  translations: {
    fr: {
      title: 'Exporter des lignes vers un nouveau .xlsx',
      description:
        'Les cellules texte commençant par = + - @ sont neutralisées contre l’injection de formules ; les nombres restent des nombres.',
      fields: {
        rows: { title: 'Lignes' },
        columns: { title: 'Colonnes' },
        sheetName: { title: 'Nom de la feuille' },
        filename: { title: 'Nom du fichier' },
        outputPath: {
          title: 'Chemin du fichier produit',
          description: 'Écrire sous le dossier de base de la connexion au lieu de renvoyer du base64',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    filename: Type.String({ pattern: '\\.xlsx$', default: 'export.xlsx' }),
    sheetName: Type.Optional(Type.String()),
    columns: Type.Array(
      Type.Object({
        field: Type.String(),
        header: Type.Optional(Type.String()),
        type: Type.Optional(
          Type.Union(['auto', 'string', 'integer', 'decimal', 'money', 'date', 'boolean'].map((t) => Type.Literal(t))),
        ),
        width: Type.Optional(Type.Number({ minimum: 1, maximum: 255 })),
      }),
      { minItems: 1 },
    ),
    rows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    outputPath: Type.Optional(
      Type.String({ description: 'Write under the connection baseDir instead of returning base64' }),
    ),
  }),
  output: Type.Intersect([FileOutput, Type.Object({ rows: Type.Integer() })]),
  async run(ctx, input) {
    const { buffer, rows } = await writeRowsXlsx(input.rows, input.columns as never, { sheetName: input.sheetName });
    const out = await deliverFile(
      buffer!,
      input.filename,
      input.outputPath,
      (ctx.connection.config as { baseDir?: string }).baseDir,
      ctx.operation,
    );
    return { ...out, rows };
  },
});
