// The runs list as a file, with the page's filters and sort: the runs the caller may read, up to EXPORT_LIMIT.
import ExcelJS from 'exceljs';
import type { RunFilter } from '@ledgerflow/db';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { csvLine, spreadsheetSafe } from './audit-export.service.ts';
import type { RunService } from './run.service.ts';

export const RUNS_EXPORT_LIMIT = 10_000;
export const RUNS_EXPORT_COLUMNS = [
  'runId',
  'flow',
  'flowId',
  'version',
  'businessKey',
  'status',
  'outcome',
  'currentSteps',
  'startedAt',
  'endedAt',
] as const;

type RunView = ReturnType<RunService['view']>;

// Business keys and flow names are typed by people or come from an ERP: a formula-looking one stays text.
const cells = (r: RunView): string[] => [
  r.runId,
  spreadsheetSafe(r.flowName ?? ''),
  r.flowId,
  String(r.version),
  spreadsheetSafe(r.businessKey),
  r.status,
  spreadsheetSafe(r.outcome ?? ''),
  spreadsheetSafe(r.currentLabels.join(' | ')),
  r.startedAt,
  r.endedAt ?? '',
];

export async function exportRuns(
  runs: RunService,
  u: SessionUser,
  q: RunFilter,
  format: 'csv' | 'xlsx',
): Promise<string | Buffer> {
  const { items } = await runs.list(u, { ...q, limit: RUNS_EXPORT_LIMIT, offset: 0 });
  if (format === 'csv') return [csvLine(RUNS_EXPORT_COLUMNS), ...items.map((r) => csvLine(cells(r)))].join('');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Runs');
  sheet.addRow([...RUNS_EXPORT_COLUMNS]);
  for (const r of items) sheet.addRow(cells(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}
