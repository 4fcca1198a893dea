// The inbox's calls to /api/tasks. Kept here so the inbox owns its client; errors use the app's ApiError.
import { request } from '../../api/client.ts';

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'rejected' | 'expired' | 'cancelled';
/** A row of the inbox list (GET /api/tasks). */
export interface TaskListItem {
  id: string; runId: string; flowId: string; businessKey: string; title: string;
  outcomes: Array<{ name: string; label?: string }>; assignee: { type: string; value: string }; claimedBy: string | null;
  status: TaskStatus; priority: string; dueAt: string | null; overdue: boolean; amount: string | null; currency: string | null; customer: string | null;
  outcome: string | null; completedAt: string | null; escalated: boolean; createdAt: string;
}
/** The whole task, as actions and the detail page return it. */
export interface TaskItem extends TaskListItem {
  workflowId: string; nodeId: string; claimedAt: string | null; checkName: string | null; startedBy: string | null; completedBy: string | null; fourEyes: boolean; updatedAt: string;
}
export interface TaskDetail {
  task: TaskItem & { description: string; form: { schema?: Record<string, unknown>; uiSchema?: Record<string, unknown> }; variables: Record<string, unknown>; exemption: Record<string, unknown> | null };
  comments: Array<{ id: string; userId: string; username: string | null; body: string; createdAt: string }>;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; createdAt: string }>;
  history: Array<{ kind: string; userId: string | null; reason: string | null; at: string }>;
  users: Record<string, { username: string; displayName: string }>;
  permissions: { canAct: boolean; canClaim: boolean; canUnclaim: boolean; canReassign: boolean; canExempt: boolean; fourEyesBlocked: boolean };
}
export interface TaskFilters {
  view: 'mine' | 'groups' | 'all';
  status?: string; due?: string; amountMin?: string; amountMax?: string; customer?: string; businessKey?: string; q?: string; sort?: string; order?: string;
}
export interface RunEvent { seq: number; type: string; nodeId: string | null; data: Record<string, unknown>; at: string }
export interface OutboxItem { key: string; channel: string; recipients: string[]; subject: string; status: string; error: string | null; meta: Record<string, unknown>; createdAt: string }
export interface BulkResult { results: Array<{ taskId: string; ok: boolean; code?: string; message?: string }>; succeeded: number; failed: number }

const call = request;

const enc = encodeURIComponent;
export const inboxApi = {
  list: (f: TaskFilters) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
    return call<{ items: TaskListItem[]; hasMore: boolean }>('GET', `/api/tasks?${p}`);
  },
  counts: () => call<{ mine: number; groups: number; all: number | null; overdue: number }>('GET', '/api/tasks/counts'),
  get: (id: string) => call<TaskDetail>('GET', `/api/tasks/${enc(id)}`),
  run: (runId: string) => call<{ run: { status: string; outcome: string | null }; events: RunEvent[] }>('GET', `/api/runs/${enc(runId)}`),
  claim: (id: string) => call<TaskItem>('POST', `/api/tasks/${enc(id)}/claim`),
  unclaim: (id: string) => call<TaskItem>('POST', `/api/tasks/${enc(id)}/unclaim`),
  complete: (id: string, outcome: string, data: Record<string, unknown>) => call<TaskItem>('POST', `/api/tasks/${enc(id)}/complete`, { outcome, data }),
  delegate: (id: string, to: string, reason: string) => call<TaskItem>('POST', `/api/tasks/${enc(id)}/delegate`, { to, reason }),
  reassign: (id: string, assignee: { type: string; value: string }, reason: string) => call<TaskItem>('POST', `/api/tasks/${enc(id)}/reassign`, { assignee, reason }),
  exempt: (id: string, reason: string) => call<{ ok: true; check: string }>('POST', `/api/tasks/${enc(id)}/exempt`, { reason }),
  comment: (id: string, body: string) => call<unknown>('POST', `/api/tasks/${enc(id)}/comments`, { body }),
  attach: (id: string, file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return call<unknown>('POST', `/api/tasks/${enc(id)}/attachments`, fd);
  },
  attachmentUrl: (id: string, attachmentId: string) => `/api/tasks/${enc(id)}/attachments/${enc(attachmentId)}`,
  bulk: (body: { action: 'complete'; taskIds: string[]; outcome: string; data?: Record<string, unknown> } | { action: 'reassign'; taskIds: string[]; assignee: { type: string; value: string }; reason: string }) =>
    call<BulkResult>('POST', '/api/tasks/bulk', body),
  outbox: () => call<{ items: OutboxItem[] }>('GET', '/api/outbox?limit=100'),
  mail: () => call<{ enabled: boolean; items: SinkMail[] }>('GET', '/api/mail?limit=100'),
};

/** A message caught by the local SMTP sink; text only (the HTML part never reaches the browser). */
export interface SinkMail {
  id: string;
  receivedAt: string;
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  attachments: Array<{ filename: string | null; contentType: string; size: number }>;
}
