// The dashboards page's calls: flows, cases of record-feed flows, run counts per status, task counts, "extract now".
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { call, enc } from '../connections/admin-call.ts';

export interface FlowItem { id: string; name: string; activeVersion: number | null; latestVersion: number | null; updatedAt: string }
export interface CaseItem {
  businessKey: string; status: string; runId: string | null; runStatus: string | null; late: boolean; updates: number;
  record: unknown; firstSeenAt: string; lastSeenAt: string; closedAt: string | null;
}
export interface Cases { counts: { open: number; closed: number; late: number }; items: CaseItem[] }
export interface SyncResult {
  polled: number; started: number; updated: number; unchanged: number; ignored: number; reopened: number;
  failed: Array<{ key: string; error: string }>; cursor: string | null;
}
export interface FeedStatus {
  state: 'never' | 'running' | 'done' | 'failed';
  startedAt: string | null; finishedAt: string | null; lastPageAt: string | null;
  stats: Omit<SyncResult, 'cursor'> | null; error: string | null;
}
export interface Breakdown {
  groupBy: string; sum: string | null; total: number;
  groups: Array<{ key: string | null; runs: number; byStatus: Record<string, number>; totals: Array<{ currency: string | null; amount: string }> }>;
}
export interface ReceivablesFields { amount: string; total: string; due: string; date: string; days: number }
export interface Receivables {
  asOf: string; days: number;
  currencies: Array<{ currency: string | null; open: string; current: string; sales: string; beginning: string; dso: string | null; cei: string | null; aging: Array<{ bucket: string; amount: string; count: number }> }>;
}
export interface TaskCounts { mine: number; groups: number; all: number | null; overdue: number }

export const RUN_STATUSES = ['running', 'waiting', 'needs_attention', 'completed', 'failed', 'cancelled'] as const;
export type RunStatusName = (typeof RUN_STATUSES)[number];

export const dashboardsApi = {
  flows: () => call<{ items: FlowItem[] }>('GET', '/api/flows'),
  flow: (id: string) => call<{ id: string; draft: FlowDefinition; activeVersion: number | null }>('GET', `/api/flows/${enc(id)}`),
  cases: (id: string, q: { status?: 'open' | 'closed'; late?: boolean; limit?: number } = {}) => {
    const p = new URLSearchParams();
    if (q.status) p.set('status', q.status);
    if (q.late) p.set('late', 'true');
    p.set('limit', String(q.limit ?? 500));
    return call<Cases>('GET', `/api/flows/${enc(id)}/cases?${p}`);
  },
  runTotal: (flowId: string, status: string) => call<{ total: number }>('GET', `/api/runs?flowId=${enc(flowId)}&status=${enc(status)}&limit=1`).then((r) => r.total),
  sync: (id: string) => call<SyncResult>('POST', `/api/flows/${enc(id)}/feed/sync`),
  feedStatus: (id: string) => call<FeedStatus>('GET', `/api/flows/${enc(id)}/feed`),
  breakdown: (id: string, groupBy: string, sum?: string) =>
    call<Breakdown>('GET', `/api/flows/${enc(id)}/breakdown?${new URLSearchParams({ groupBy, ...(sum ? { sum } : {}) })}`),
  receivables: (id: string, f: ReceivablesFields) =>
    call<Receivables>('GET', `/api/flows/${enc(id)}/receivables?${new URLSearchParams({ amount: f.amount, total: f.total, due: f.due, date: f.date, days: String(f.days) })}`),
  taskCounts: () => call<TaskCounts>('GET', '/api/tasks/counts'),
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
