// The runs list as a file, with the page's filters and sort: the runs the caller may read, up to EXPORT_LIMIT.
import type { RunFilter } from '@ledgerflow/db';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import type { RunService } from './run.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const RUNS_EXPORT_LIMIT = 10_000;
export const RUNS_EXPORT: ExportTable = {
  sheet: 'Runs',
  columns: [
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
  ],
};

type RunView = ReturnType<RunService['view']>;

// The current steps by their labels, never node ids: the file is read by people.
const cells = (r: RunView): string[] => [
  r.runId,
  r.flowName ?? '',
  r.flowId,
  String(r.version),
  r.businessKey,
  r.status,
  r.outcome ?? '',
  r.currentLabels.join(' | '),
  r.startedAt,
  r.endedAt ?? '',
];

export async function exportRuns(runs: RunService, u: SessionUser, q: RunFilter, format: ExportFormat) {
  const { items } = await runs.list(u, { ...q, limit: RUNS_EXPORT_LIMIT, offset: 0 });
  return exportTable(RUNS_EXPORT, format, items.map(cells));
}
