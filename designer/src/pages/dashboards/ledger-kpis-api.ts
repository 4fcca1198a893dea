// The ledger KPI section's calls: one month's KPIs as of a day, the monthly trend, and the trend's export links.
import type { ApiQuery, ApiResponse } from '../../api/api-types.ts';
import { send } from '../connections/admin-call.ts';

export type LedgerKpis = ApiResponse<'/api/ledger/kpis', 'get'>;
export type LedgerKpiFigures = LedgerKpis['currencies'][number];
export type LedgerKpiTrend = ApiResponse<'/api/ledger/kpis/trend', 'get'>;
export type LedgerKpiTrendRow = LedgerKpiTrend['rows'][number];
export type LedgerKpiQuery = ApiQuery<'/api/ledger/kpis', 'get'>;
type TrendQuery = ApiQuery<'/api/ledger/kpis/trend', 'get'>;
/** What the section's pickers scope both the month and the trend to; '' leaves the API's default. */
export interface LedgerScope {
  asOf: string;
  company: string;
  segment: string;
}

// Empty fields are left out (here and by `send`) so the API applies its defaults: today in the company's timezone,
// the month of asOf, every company and segment.
export const ledgerKpisApi = {
  kpis: (q: LedgerKpiQuery) => send('get', '/api/ledger/kpis', {}, undefined, q),
  trend: (q: TrendQuery) => send('get', '/api/ledger/kpis/trend', {}, undefined, q),
};

/** The trend's file: a plain link, so the browser saves it with the server's file name. */
export function trendExportUrl(format: 'csv' | 'xlsx', q: TrendQuery): string {
  const params = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `/api/ledger/kpis/trend/export?${params}`;
}
