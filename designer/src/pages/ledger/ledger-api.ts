// The ledger page's calls: customers with balances, one customer with items and history, a change to its dunning
// fields, the imports, and the export links.
import type { ApiBody, ApiQuery, ApiResponse } from '../../api/api-types.ts';
import { send } from '../connections/admin-call.ts';

export type LedgerCustomers = ApiResponse<'/api/ledger/customers', 'get'>;
export type LedgerCustomer = LedgerCustomers['items'][number];
export type LedgerCustomerDetail = ApiResponse<'/api/ledger/customers/{company}/{customerId}', 'get'>;
export type LedgerImport = ApiResponse<'/api/ledger/imports', 'get'>['items'][number];
export type ImportStatus = 'running' | 'done' | 'failed';
export type LedgerFilters = Omit<ApiQuery<'/api/ledger/customers', 'get'>, 'limit' | 'offset'>;
/** The filters of a customer's items and history, the same on the page and in its exports. */
export type LedgerItemFilters = Omit<ApiQuery<'/api/ledger/customers/{company}/{customerId}', 'get'>, 'asOf'>;
export type LedgerCustomerChange = ApiBody<'/api/ledger/customers/{company}/{customerId}', 'patch'>;

/** The single-company ledger's company is '' in the data and '-' in addresses. */
export const companyParam = (company: string) => company || '-';

export const ledgerApi = {
  customers: (f: LedgerFilters, limit: number, offset: number) =>
    send('get', '/api/ledger/customers', {}, undefined, { ...f, limit, offset }),
  customer: (company: string, customerId: string, f: LedgerItemFilters = {}) =>
    send(
      'get',
      '/api/ledger/customers/{company}/{customerId}',
      { company: companyParam(company), customerId },
      undefined,
      f,
    ),
  change: (company: string, customerId: string, change: LedgerCustomerChange) =>
    send(
      'patch',
      '/api/ledger/customers/{company}/{customerId}',
      { company: companyParam(company), customerId },
      change,
    ),
  imports: (limit: number, offset: number, status?: ImportStatus) =>
    send('get', '/api/ledger/imports', {}, undefined, { limit, offset, status }),
};

/** The export's address with the list's filters: a plain link, so the browser streams the file to disk. */
export function ledgerExportUrl(format: 'csv' | 'xlsx', f: LedgerFilters): string {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, String(v));
  return `/api/ledger/customers/export?${q}`;
}

/** The export of one customer's items or history, with the page's filters. */
export const ledgerItemsExportPath = (company: string, customerId: string) =>
  `/api/ledger/customers/${encodeURIComponent(companyParam(company))}/${encodeURIComponent(customerId)}/export`;
