import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveUnderBaseDir } from './file-input.ts';
import { excelError } from './excel-error.ts';

/** Returns the bytes as base64, or writes them under baseDir when the caller gave an output path. */
export async function deliverFile(
  buffer: Buffer,
  filename: string,
  outputPath: string | undefined,
  baseDir: string | undefined,
  action: string,
) {
  if (outputPath === undefined) return { filename, size: buffer.length, base64: buffer.toString('base64') };
  if (path.extname(outputPath).toLowerCase() !== '.xlsx')
    throw excelError({
      action,
      file: outputPath,
      code: 'EXCEL_UNSUPPORTED_FORMAT',
      message: 'the output path must end with .xlsx',
    });
  const abs = await resolveUnderBaseDir(baseDir, outputPath, action, false);
  // Write then rename would be nicer, but the same bytes rewritten on retry are harmless.
  await writeFile(abs, buffer);
  return { filename: path.basename(outputPath), size: buffer.length, path: outputPath };
}
