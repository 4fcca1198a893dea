// The letters list as a file, like every list: one line per letter (name, language, tone) and its version in force.
import ExcelJS from 'exceljs';
import { csvLine, spreadsheetSafe } from './audit-export.service.ts';
import type { EmailTemplateService } from './email-template.service.ts';

export const LETTER_EXPORT_COLUMNS = [
  'name',
  'language',
  'tone',
  'publishedVersion',
  'publishedAt',
  'publishedBy',
  'draft',
  'draftSavedAt',
  'draftSavedBy',
] as const;

async function lines(letters: EmailTemplateService): Promise<string[][]> {
  const { templates } = await letters.list();
  return templates.map((t) =>
    [
      t.name,
      t.language,
      t.tone,
      t.publishedVersion === null ? '' : String(t.publishedVersion),
      t.publishedAt ?? '',
      t.publishedBy ?? '',
      t.hasDraft ? 'yes' : 'no',
      t.draftSavedAt ?? '',
      t.draftSavedBy ?? '',
    ].map(spreadsheetSafe),
  );
}

export async function lettersCsv(letters: EmailTemplateService): Promise<string> {
  return [csvLine(LETTER_EXPORT_COLUMNS), ...(await lines(letters)).map(csvLine)].join('');
}

export async function lettersXlsx(letters: EmailTemplateService): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Letters');
  sheet.addRow([...LETTER_EXPORT_COLUMNS]);
  for (const l of await lines(letters)) sheet.addRow(l);
  return Buffer.from(await book.xlsx.writeBuffer());
}
