// The letters list as a file, like every list: one line per letter (name, language, tone) and its version in force,
// with the list's filters.
import type { LetterFilter } from '@ledgerflow/db';
import type { EmailTemplateService } from './email-template.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const LETTER_EXPORT: ExportTable = {
  sheet: 'Letters',
  columns: [
    'name',
    'language',
    'tone',
    'publishedVersion',
    'publishedAt',
    'publishedBy',
    'draft',
    'draftSavedAt',
    'draftSavedBy',
  ],
};

export async function exportLetters(letters: EmailTemplateService, filter: LetterFilter, format: ExportFormat) {
  const { templates } = await letters.list(filter);
  const rows = templates.map((t) => [
    t.name,
    t.language,
    t.tone,
    t.publishedVersion === null ? '' : String(t.publishedVersion),
    t.publishedAt ?? '',
    t.publishedBy ?? '',
    t.hasDraft ? 'yes' : 'no',
    t.draftSavedAt ?? '',
    t.draftSavedBy ?? '',
  ]);
  return exportTable(LETTER_EXPORT, format, rows);
}
