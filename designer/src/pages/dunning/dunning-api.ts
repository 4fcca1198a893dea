// The dunning batch screens' calls: the batches, one batch with its lines and review task, a collector's change to
// a line, a letter's preview, and sending, which is the review task's decision (outcome `send`).
import type { ApiResponse } from '../../api/api-types.ts';
import { send } from '../connections/admin-call.ts';

export type BatchSummary = ApiResponse<'/api/dunning/batches', 'get'>['items'][number];
export type BatchStatus = BatchSummary['status'];
export type BatchView = ApiResponse<'/api/dunning/batches/{id}', 'get'>;
export type BatchLine = BatchView['lines'][number];
export type LetterPreview = ApiResponse<'/api/dunning/batches/{id}/lines/{lineId}/preview', 'get'>;

export const dunningApi = {
  list: (status?: BatchStatus) => send('get', '/api/dunning/batches', {}, undefined, { limit: 100, status }),
  get: (id: string) => send('get', '/api/dunning/batches/{id}', { id }),
  change: (id: string, lineId: string, change: { selected?: boolean; levelOverride?: number | null }) =>
    send('patch', '/api/dunning/batches/{id}/lines/{lineId}', { id, lineId }, change),
  preview: (id: string, lineId: string) =>
    send('get', '/api/dunning/batches/{id}/lines/{lineId}/preview', { id, lineId }),
  decide: (taskId: string, outcome: 'send' | string) =>
    send('post', '/api/tasks/{id}/complete', { id: taskId }, { outcome, data: {} }),
};

export const batchExportUrl = (id: string, format: 'csv' | 'xlsx') =>
  `/api/dunning/batches/${encodeURIComponent(id)}/export?format=${format}`;
