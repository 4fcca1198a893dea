import { createReadStream } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import { excelError } from './excel-error.ts';

export const FileInput = Type.Object(
  {
    name: Type.Optional(
      Type.String({ description: 'File name, used for the format and in messages (required with base64)' }),
    ),
    base64: Type.Optional(Type.String({ description: 'File content' })),
    path: Type.Optional(Type.String({ description: 'Path relative to the connection baseDir' })),
  },
  { description: 'Either base64 content (with name) or a path under the connection baseDir' },
);
export type FileInput = Static<typeof FileInput>;

export type FileFormat = 'xlsx' | 'csv';

/** A file the importer can read several times as a stream, without holding it all in memory. */
export interface ResolvedFile {
  name: string;
  format: FileFormat;
  open(): Readable;
  /** Absolute path when the file is on disk (lets exceljs read it directly). */
  path?: string;
  buffer?: Buffer;
}

const MAGIC_ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function formatOf(name: string, action: string): FileFormat {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xls')
    throw excelError({
      action,
      file: name,
      code: 'EXCEL_UNSUPPORTED_FORMAT',
      message: 'legacy .xls files are not supported: save the file as .xlsx (Excel Workbook) or .csv',
    });
  throw excelError({
    action,
    file: name,
    code: 'EXCEL_UNSUPPORTED_FORMAT',
    message: `unsupported file extension '${ext || '(none)'}': expected .xlsx or .csv`,
  });
}

/**
 * Resolves a path strictly inside baseDir. Both the lexical path and the real path (after
 * symlinks) must stay inside, so neither "../" nor a planted symlink can reach other files.
 */
export async function resolveUnderBaseDir(
  baseDir: string | undefined,
  rel: string,
  action: string,
  mustExist = true,
): Promise<string> {
  if (!baseDir)
    throw excelError({
      action,
      file: rel,
      code: 'EXCEL_PATH_NOT_ALLOWED',
      message: 'file paths need a connection with a baseDir; send the content as base64 instead',
    });
  const base = path.resolve(baseDir);
  const abs = path.resolve(base, rel);
  const inside = (p: string, b: string) => {
    const r = path.relative(b, p);
    return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
  };
  if (rel.includes('\0') || !inside(abs, base)) {
    throw excelError({
      action,
      file: rel,
      code: 'EXCEL_PATH_NOT_ALLOWED',
      message: `path '${rel}' is outside the allowed directory`,
    });
  }
  if (!mustExist) {
    const realBase = await realpath(base).catch(() => base);
    const realDir = await realpath(path.dirname(abs)).catch(() => null);
    if (!realDir || !(realDir === realBase || inside(realDir, realBase))) {
      throw excelError({
        action,
        file: rel,
        code: 'EXCEL_PATH_NOT_ALLOWED',
        message: `the folder of '${rel}' does not exist or is outside the allowed directory`,
      });
    }
    return abs;
  }
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    throw excelError({ action, file: rel, code: 'EXCEL_FILE_NOT_FOUND', message: `file '${rel}' was not found` });
  }
  if (!inside(real, await realpath(base))) {
    throw excelError({
      action,
      file: rel,
      code: 'EXCEL_PATH_NOT_ALLOWED',
      message: `path '${rel}' leads outside the allowed directory`,
    });
  }
  if (!(await stat(real)).isFile())
    throw excelError({ action, file: rel, code: 'EXCEL_FILE_NOT_FOUND', message: `'${rel}' is not a file` });
  return real;
}

export async function resolveFile(
  input: FileInput,
  baseDir: string | undefined,
  action: string,
): Promise<ResolvedFile> {
  if ((input.base64 === undefined) === (input.path === undefined)) {
    throw excelError({
      action,
      file: input.name,
      code: 'EXCEL_INPUT_INVALID',
      message: 'give exactly one of file.base64 or file.path',
    });
  }
  if (input.path !== undefined) {
    const abs = await resolveUnderBaseDir(baseDir, input.path, action);
    const name = input.name ?? path.basename(input.path);
    const format = formatOf(path.basename(input.path), action);
    if (format === 'xlsx') await checkZip(await readHead(abs), name, action);
    return { name, format, path: abs, open: () => createReadStream(abs) };
  }
  if (!input.name)
    throw excelError({
      action,
      code: 'EXCEL_INPUT_INVALID',
      message: 'file.name is required with file.base64 (it gives the format)',
    });
  const buffer = Buffer.from(input.base64 ?? '', 'base64');
  const format = formatOf(input.name, action);
  if (format === 'xlsx') await checkZip(buffer, input.name, action);
  return { name: input.name, format, buffer, open: () => Readable.from([buffer]) };
}

async function readHead(abs: string): Promise<Buffer> {
  const fh = await open(abs, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    return b;
  } finally {
    await fh.close();
  }
}

/** An .xlsx is a zip; catching a renamed CSV or PDF here gives a clearer message than the unzip error. */
export async function checkZip(head: Buffer, name: string, action: string): Promise<void> {
  if (head.length < 4 || !head.subarray(0, 4).equals(MAGIC_ZIP)) {
    throw excelError({
      action,
      file: name,
      code: 'EXCEL_FILE_CORRUPT',
      message: 'the file is not a valid .xlsx workbook (it is not a zip archive: wrong extension or damaged file)',
    });
  }
}
