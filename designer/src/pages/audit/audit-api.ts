// The audit page's calls: the filtered log, its export links, a run's chain and a customer's cases.
import type { ApiQuery, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';
import { exportHref, type ExportFormat } from '../../shell/export-links.tsx';

export type AuditList = ApiResponse<'/api/admin/audit', 'get'>;
export type AuditItem = AuditList['items'][number];
export type AuditFilters = Omit<ApiQuery<'/api/admin/audit', 'get'>, 'limit' | 'offset'>;
export type AuditChain = ApiResponse<'/api/runs/{runId}/audit-chain', 'get'>;
export type ChainStep = AuditChain['steps'][number];
export type CustomerCase = ApiResponse<'/api/customers/{customer}/cases', 'get'>['items'][number];

export const auditApi = {
  list: (f: AuditFilters, limit: number, offset: number) =>
    send('get', '/api/admin/audit', {}, undefined, { ...f, limit, offset }),
  chain: (runId: string) => send('get', '/api/runs/{runId}/audit-chain', { runId }),
  customerCases: (customer: string) => send('get', '/api/customers/{customer}/cases', { customer }),
};

/** The export's address with the page's filters: a plain link, so the browser streams the file to disk. */
export const exportUrl = (format: ExportFormat, f: AuditFilters) => exportHref('/api/admin/audit/export', format, f);
