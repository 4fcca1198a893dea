// The inbox's calls to /api/tasks. Kept here so the inbox owns its client; errors use the app's ApiError.
import type { ApiBody, ApiQuery, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

type TaskQuery = ApiQuery<'/api/tasks', 'get'>;

/** A row of the inbox list (GET /api/tasks). */
export type TaskListItem = ApiResponse<'/api/tasks', 'get'>['items'][number];
export type TaskStatus = TaskListItem['status'];
/** The whole task, as actions return it. */
export type TaskItem = ApiResponse<'/api/tasks/{id}/claim', 'post'>;
type Detail = ApiResponse<'/api/tasks/{id}', 'get'>;
/** The task page. The API documents the form as any object; the page reads the JSON Schema form it holds. */
type TaskForm = { schema?: Record<string, unknown>; uiSchema?: Record<string, unknown> };
export type TaskDetail = Omit<Detail, 'task'> & { task: Omit<Detail['task'], 'form'> & { form: TaskForm } };
/** The filter bar's state, as typed in (text), named like the query parameters of GET /api/tasks. */
type FilterName =
  'status' | 'due' | 'amountMin' | 'amountMax' | 'customer' | 'businessKey' | 'assignee' | 'q' | 'sort' | 'order';
export type TaskFilters = { view: NonNullable<TaskQuery['view']> } & Partial<
  Record<FilterName & keyof TaskQuery, string>
>;
export type RunEvent = ApiResponse<'/api/runs/{runId}', 'get'>['events'][number];
export type OutboxItem = ApiResponse<'/api/outbox', 'get'>['items'][number];
export type BulkResult = ApiResponse<'/api/tasks/bulk', 'post'>;
export type BulkRequest = ApiBody<'/api/tasks/bulk', 'post'>;
export type Assignee = ApiBody<'/api/tasks/{id}/reassign', 'post'>['assignee'];
/** A message caught by the local SMTP sink; text only (the HTML part never reaches the browser). */
export type SinkMail = ApiResponse<'/api/mail', 'get'>['items'][number];

/** Event data and outbox meta are any JSON in the API: read them as objects only when they are. */
export function fieldsOf(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const enc = encodeURIComponent;
export const inboxApi = {
  list: (f: TaskFilters) => send('get', '/api/tasks', {}, undefined, f),
  counts: () => send('get', '/api/tasks/counts', {}),
  get: (id: string) => send('get', '/api/tasks/{id}', { id }) as Promise<TaskDetail>,
  run: (runId: string) => send('get', '/api/runs/{runId}', { runId }),
  claim: (id: string) => send('post', '/api/tasks/{id}/claim', { id }),
  unclaim: (id: string) => send('post', '/api/tasks/{id}/unclaim', { id }),
  complete: (id: string, outcome: string, data: Record<string, unknown>) =>
    send('post', '/api/tasks/{id}/complete', { id }, { outcome, data }),
  delegate: (id: string, to: string, reason: string) =>
    send('post', '/api/tasks/{id}/delegate', { id }, { to, reason }),
  reassign: (id: string, assignee: Assignee, reason: string) =>
    send('post', '/api/tasks/{id}/reassign', { id }, { assignee, reason }),
  exempt: (id: string, reason: string) => send('post', '/api/tasks/{id}/exempt', { id }, { reason }),
  comment: (id: string, body: string) => send('post', '/api/tasks/{id}/comments', { id }, { body }),
  attach: (id: string, file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return send('post', '/api/tasks/{id}/attachments', { id }, fd);
  },
  attachmentUrl: (id: string, attachmentId: string) => `/api/tasks/${enc(id)}/attachments/${enc(attachmentId)}`,
  bulk: (body: BulkRequest) => send('post', '/api/tasks/bulk', {}, body),
  outbox: () => send('get', '/api/outbox', {}, undefined, { limit: 100 }),
  resend: (key: string) => send('post', '/api/outbox/{key}/resend', { key }),
  mail: () => send('get', '/api/mail', {}, undefined, { limit: 100 }),
};
