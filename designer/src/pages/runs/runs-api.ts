// The runs pages' calls: the filtered list (the filters live in the address, so the home page can link to them),
// its export links, and the Cancel and Retry actions.
import { send } from '../../api/client.ts';
import type { ApiQuery, ApiResponse } from '../../api/api-types.ts';

export type RunsQuery = Omit<ApiQuery<'/api/runs', 'get'>, 'limit' | 'offset'>;
export type RunsList = ApiResponse<'/api/runs', 'get'>;
export type RunItem = RunsList['items'][number];
export type RunSort = NonNullable<RunsQuery['sort']>;
export const PAGE_SIZE = 50;

/** The filters a runs address carries (#/runs?status=waiting&late=true…); unknown keys are ignored. */
const KEYS = [
  'flowId',
  'status',
  'businessKey',
  'from',
  'to',
  'endedFrom',
  'late',
  'task',
  'taskFrom',
  'sort',
  'order',
];

export function queryFromRoute(route: string): RunsQuery {
  const p = new URLSearchParams(route.split('?')[1] ?? '');
  const q: Record<string, string | boolean> = {};
  for (const k of KEYS) {
    const v = p.get(k);
    if (v) q[k] = k === 'late' ? v === 'true' : v;
  }
  return q as RunsQuery;
}

export function queryString(q: RunsQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && v !== false) p.set(k, String(v));
  return p.toString();
}

export const runsApi = {
  list: (q: RunsQuery, offset: number) => send('get', '/api/runs', {}, undefined, { ...q, limit: PAGE_SIZE, offset }),
  flows: () => send('get', '/api/flows', {}),
  cancel: (runId: string) => send('post', '/api/runs/{runId}/cancel', { runId }),
  retry: (runId: string) => send('post', '/api/runs/{runId}/retry', { runId }, {}),
};

/** A plain link, so the browser streams the file to disk with the page's filters and sort. */
export const exportUrl = (format: 'csv' | 'xlsx', q: RunsQuery) =>
  `/api/runs/export?${queryString({ ...q, format } as RunsQuery)}`;
