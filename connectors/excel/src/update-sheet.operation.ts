import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import { FileOutput, ReadOptions } from './excel-schemas.ts';
import { FileInput, resolveFile } from './file-input.ts';
import { deliverFile } from './file-output.ts';
import { updateSheet } from './sheet-update.ts';

export const updateSheetAction = defineAction({
  title: 'Mark or remove closed items in a sheet',
  description:
    'Finds rows whose key column matches the given keys and sets a status cell (mode "mark") or deletes the row (mode "delete").',
  translations: {
    fr: {
      title: 'Marquer ou supprimer les postes soldés dans une feuille',
      description:
        'Repère les lignes dont la colonne clé correspond aux clés fournies, puis renseigne une cellule de statut (mode « mark ») ou supprime la ligne (mode « delete »).',
      fields: {
        stripLeadingZeros: { title: 'Ignorer les zéros en tête' },
        statusValue: { title: 'Valeur du statut' },
        statusColumn: { title: 'Colonne de statut' },
        mode: { title: 'Mode' },
        keys: { title: 'Clés' },
        keyColumn: { title: 'Colonne clé' },
        headerRow: { title: 'Ligne d’en-tête' },
        sheet: { title: 'Feuille' },
        file: {
          title: 'Fichier',
          description:
            'Soit le contenu en base64 (avec le nom), soit un chemin sous le dossier de base de la connexion',
        },
        outputPath: {
          title: 'Chemin du fichier produit',
          description: 'Écrire sous le dossier de base (peut être égal à file.path pour modifier le fichier sur place)',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    file: FileInput,
    sheet: ReadOptions.sheet,
    headerRow: ReadOptions.headerRow,
    keyColumn: Type.String({ minLength: 1 }),
    keys: Type.Array(Type.String()),
    mode: Type.Union([Type.Literal('mark'), Type.Literal('delete')], { default: 'mark' }),
    statusColumn: Type.Optional(Type.String()),
    statusValue: Type.Optional(Type.String()),
    stripLeadingZeros: Type.Optional(Type.Boolean()),
    outputPath: Type.Optional(
      Type.String({ description: 'Write under baseDir (may equal file.path to update in place)' }),
    ),
  }),
  output: Type.Intersect([
    FileOutput,
    Type.Object({
      sheet: Type.String(),
      matched: Type.Integer(),
      updated: Type.Integer(),
      deleted: Type.Integer(),
      notFound: Type.Array(Type.String()),
    }),
  ]),
  async run(ctx, input) {
    const baseDir = (ctx.connection.config as { baseDir?: string }).baseDir;
    const file = await resolveFile(input.file, baseDir, ctx.operation);
    const { file: _f, outputPath, ...opts } = input;
    const r = await updateSheet(file, { ...opts, action: ctx.operation });
    const out = await deliverFile(r.buffer, path.basename(outputPath ?? file.name), outputPath, baseDir, ctx.operation);
    return { ...out, sheet: r.sheet, matched: r.matched, updated: r.updated, deleted: r.deleted, notFound: r.notFound };
  },
});
