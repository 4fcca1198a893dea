// The inbox list as a file: the same view, filters and sort as the list, through the same query — so the file holds
// exactly the tasks the caller may see, up to TASKS_EXPORT_LIMIT.
import type { SessionUser } from '../plugins/auth.plugin.ts';
import type { TaskListQuery, TaskQueryService } from './task-query.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const TASKS_EXPORT_LIMIT = 10_000;
export const TASKS_EXPORT: ExportTable = {
  sheet: 'Tasks',
  columns: [
    'taskId',
    'title',
    'businessKey',
    'customer',
    'status',
    'priority',
    'assigneeType',
    'assignee',
    'amount',
    'currency',
    'dueAt',
    'overdue',
    'createdAt',
    'completedAt',
    'outcome',
    'runId',
  ],
  // A credit note's amount is negative: its minus is a sign, not a formula.
  values: ['amount'],
};

type Item = Awaited<ReturnType<TaskQueryService['list']>>['items'][number];

const cells = (t: Item): string[] => [
  t.id,
  t.title,
  t.businessKey,
  t.customer ?? '',
  t.status,
  t.priority,
  t.assignee.type,
  t.assignee.value,
  t.amount ?? '',
  t.currency ?? '',
  t.dueAt ?? '',
  t.overdue ? 'yes' : 'no',
  t.createdAt,
  t.completedAt ?? '',
  t.outcome ?? '',
  t.runId,
];

export async function exportTasks(query: TaskQueryService, u: SessionUser, q: TaskListQuery, format: ExportFormat) {
  const { items } = await query.list(u, { ...q, limit: TASKS_EXPORT_LIMIT, offset: 0 });
  return exportTable(TASKS_EXPORT, format, items.map(cells));
}
