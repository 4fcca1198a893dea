// The customers page's calls: the customers the inbox knows, and one customer's 360 timeline.
import type { ApiResponse } from '../../api/api-types.ts';
import { send } from '../connections/admin-call.ts';

export type CustomerItem = ApiResponse<'/api/customers', 'get'>['items'][number];
export type Customer360 = ApiResponse<'/api/customers/{customer}', 'get'>;
export type TimelineEntry = Customer360['timeline'][number];
export type TimelineKind = TimelineEntry['kind'];

export const customersApi = {
  list: (q: string) => send('get', '/api/customers', {}, undefined, { q }),
  get: (customer: string) => send('get', '/api/customers/{customer}', { customer }),
};
