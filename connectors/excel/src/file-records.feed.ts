import { Type } from '@sinclair/typebox';
import { defineFeed } from '@ledgerflow/connector-sdk';
import { excelError } from './excel-error.ts';
import { IMPORT_OPTIONS_FR, ImportOptionsSchema, ImportedRowSchema } from './excel-schemas.ts';
import { readFeedFile } from './feed-file-reader.ts';
import type { CellValue } from './cell-convert.ts';
import type { ImportEvent, RowProblem } from './importer.ts';
import { keepRead, takeRead, type OpenRead } from './open-reads.ts';

const next = async (read: OpenRead): Promise<ImportEvent | undefined> => {
  const r = await read.events.next();
  return r.done ? undefined : r.value;
};

/** The row's mapped values, plus `key`: the key field's value as text. */
const FileRecord = ImportedRowSchema.properties.values;

interface Cursor {
  /** The last source row this extraction has handed out. */
  row: number;
}

/** How many rejected rows one page reports; the counts in the summary stay complete. */
const REJECTED_PER_PAGE = 200;

/**
 * A record feed over received .xlsx/.csv files: each file is one extraction. The rows go through the importer
 * (mapping, locales, subtotal and repeated-header rows skipped), a page at a time: the cursor is the last row
 * handed out, so a retried extraction resumes there. With `fullExtract` (the default) a file is the whole list,
 * and keys it leaves out are marked gone once it has been read. Polled without a file (by the schedule), it has
 * nothing to say.
 */
export const fileRecordsFeed = defineFeed({
  title: 'Records of a received file (.xlsx / .csv)',
  description:
    'Each uploaded, posted or mailed-in file is one extraction: a new key starts a case, a changed row updates its case, and with a full extract a key missing from the file is marked gone (event record.gone).',
  translations: {
    fr: {
      title: 'Lignes d’un fichier reçu (.xlsx / .csv)',
      description:
        'Chaque fichier déposé, envoyé par l’API ou par courriel est une extraction : une nouvelle clé ouvre un dossier, une ligne modifiée met à jour son dossier et, pour une extraction complète, une clé absente du fichier est marquée disparue (événement record.gone).',
      fields: {
        ...IMPORT_OPTIONS_FR,
        mapping: {
          title: 'Correspondance des colonnes',
          description: 'Correspondance enregistrée : en-tête source → champ',
        },
        keyField: {
          title: 'Champ clé',
          description: 'Le champ dont la valeur est la clé de l’enregistrement (ex. le numéro d’avoir)',
        },
        fullExtract: {
          title: 'Extraction complète',
          description:
            'Chaque fichier est la liste complète : une clé absente d’un fichier est marquée disparue (événement record.gone)',
        },
        allowedSenders: {
          title: 'Expéditeurs autorisés',
          description:
            'Qui peut envoyer des fichiers à l’adresse de dépôt : des adresses ou @domaine ; vide, aucun courriel n’est accepté',
        },
        pageSize: { title: 'Taille de page', description: 'Lignes par page de l’extraction' },
      },
    },
  },
  config: Type.Object({
    ...ImportOptionsSchema,
    keyField: Type.String({
      minLength: 1,
      description: 'The field whose value is the record key (e.g. the credit note number)',
    }),
    fullExtract: Type.Boolean({
      default: true,
      description: 'Each file is the whole list: a key missing from a file is marked gone (event record.gone)',
    }),
    allowedSenders: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'Who may mail files to the feed address: addresses or @domain; empty accepts no mail',
    }),
    pageSize: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000, description: 'Rows per extraction page' }),
  }),
  record: FileRecord,
  key: (r) => String(r.key),
  async poll(ctx, config, cursor) {
    const file = ctx.file;
    if (!file) return { records: [], cursor: null, hasMore: false };
    const after = cursor ? (JSON.parse(cursor) as Cursor).row : 0;
    const { keyField, fullExtract, allowedSenders: _s, pageSize, ...options } = config;
    const columns = options.columns.map((c) => (c.field === keyField ? { ...c, required: true } : c));
    if (!columns.some((c) => c.field === keyField))
      throw excelError({
        action: ctx.operation,
        file: file.name,
        code: 'EXCEL_INPUT_INVALID',
        message: `the key field '${keyField}' is not one of the columns`,
      });
    const readKey = JSON.stringify(config);
    let read = takeRead(file.id, readKey, after);
    if (!read) {
      const run = readFeedFile(file, { ...options, columns, action: ctx.operation });
      read = { run, events: run[Symbol.asyncIterator](), pending: undefined };
    }
    const { run } = read;
    const records: Array<Record<string, CellValue>> = [];
    const rejected: Array<{ row: number; problems: RowProblem[] }> = [];
    let last = after;
    let hasMore = false;
    try {
      for (;;) {
        const ev = read.pending ?? (await next(read));
        read.pending = undefined;
        if (!ev) break;
        if (ev.row <= after) continue;
        if (records.length >= pageSize) {
          // Read one past the page: kept for the next page, which starts with it.
          read.pending = ev;
          hasMore = true;
          break;
        }
        last = ev.row;
        if (ev.kind === 'row') records.push({ ...ev.values, key: String(ev.values[keyField]) });
        else if (rejected.length < REJECTED_PER_PAGE) rejected.push({ row: ev.row, problems: ev.problems });
      }
    } catch (err) {
      await read.events.return?.();
      throw err;
    }
    if (hasMore) keepRead(file.id, readKey, last, read);
    ctx.logger.debug({ file: file.name, after, last, records: records.length }, 'file feed page');
    return {
      records,
      cursor: hasMore ? JSON.stringify({ row: last } satisfies Cursor) : null,
      hasMore,
      full: fullExtract,
      report: { file: file.name, complete: !hasMore, summary: { ...run.summary }, rejected },
    };
  },
});
