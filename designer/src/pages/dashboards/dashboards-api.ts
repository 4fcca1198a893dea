// The dashboards page's calls: flows, cases of record-feed flows, run counts per status, task counts, "extract now".
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { ApiQuery, ApiResponse } from '../../api/api-types.ts';
import type { FlowRecord } from '../../api/client.ts';
import { send } from '../connections/admin-call.ts';

export type FlowItem = ApiResponse<'/api/flows', 'get'>['items'][number];
export type Cases = ApiResponse<'/api/flows/{id}/cases', 'get'>;
export type CaseItem = Cases['items'][number];
export type SyncResult = ApiResponse<'/api/flows/{id}/feed/sync', 'post'>;
export type FeedStatus = ApiResponse<'/api/flows/{id}/feed', 'get'>;
export type Breakdown = ApiResponse<'/api/flows/{id}/breakdown', 'get'>;
/** The receivables panel's settings: the variables it reads and the period (every one sent). */
export type ReceivablesFields = Required<
  Pick<ApiQuery<'/api/flows/{id}/receivables', 'get'>, 'amount' | 'total' | 'due' | 'date' | 'days'>
>;
export type Receivables = ApiResponse<'/api/flows/{id}/receivables', 'get'>;
export type TaskCounts = ApiResponse<'/api/tasks/counts', 'get'>;
/** The cases list's filters, the same on the page and in its export. */
export type CaseFilters = Pick<ApiQuery<'/api/flows/{id}/cases', 'get'>, 'status' | 'late' | 'q'>;

export const dashboardsApi = {
  flows: () => send('get', '/api/flows', {}),
  flow: (id: string) => send('get', '/api/flows/{id}', { id }) as Promise<FlowRecord>,
  cases: (id: string, q: CaseFilters & { limit?: number } = {}) =>
    send('get', '/api/flows/{id}/cases', { id }, undefined, { ...q, late: q.late || undefined, limit: q.limit ?? 500 }),
  runTotal: (flowId: string, status: string) =>
    send('get', '/api/runs', {}, undefined, { flowId, status, limit: 1 }).then((r) => r.total),
  sync: (id: string) => send('post', '/api/flows/{id}/feed/sync', { id }),
  feedStatus: (id: string) => send('get', '/api/flows/{id}/feed', { id }),
  breakdown: (id: string, groupBy: string, sum?: string) =>
    send('get', '/api/flows/{id}/breakdown', { id }, undefined, { groupBy, sum }),
  receivables: (id: string, f: ReceivablesFields) => send('get', '/api/flows/{id}/receivables', { id }, undefined, f),
  taskCounts: () => send('get', '/api/tasks/counts', {}),
};

/** Does this definition start from a record feed (one case per business key)? */
export function isRecordFeed(def: FlowDefinition | undefined): boolean {
  return !!def?.nodes?.some((n) => n.kind === 'trigger.recordFeed');
}

export const AGE_BUCKETS = [
  { key: '0-2', min: 0, max: 2 },
  { key: '3-7', min: 3, max: 7 },
  { key: '8-14', min: 8, max: 14 },
  { key: '15-30', min: 15, max: 30 },
  { key: '>30', min: 31, max: Infinity },
] as const;

/** Open cases per age bucket (whole days since first seen), split late / not late. */
export function ageBuckets(items: CaseItem[], now = Date.now()): Array<{ key: string; late: number; onTime: number }> {
  const out = AGE_BUCKETS.map((b) => ({ key: b.key as string, late: 0, onTime: 0 }));
  for (const c of items) {
    if (c.status !== 'open') continue;
    const days = Math.max(0, Math.floor((now - new Date(c.firstSeenAt).getTime()) / 86_400_000));
    const i = AGE_BUCKETS.findIndex((b) => days >= b.min && days <= b.max);
    const slot = out[i === -1 ? out.length - 1 : i]!;
    if (c.late) slot.late++;
    else slot.onTime++;
  }
  return out;
}
