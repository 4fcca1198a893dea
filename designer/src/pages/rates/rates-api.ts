// The exchange-rate calls (admins); types are the API's.
import type { ApiBody, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

export type RatesView = ApiResponse<'/api/admin/exchange-rates', 'get'>;
export type RatesInput = ApiBody<'/api/admin/exchange-rates', 'put'>;

export const ratesApi = {
  get: () => send('get', '/api/admin/exchange-rates', {}),
  save: (body: RatesInput) => send('put', '/api/admin/exchange-rates', {}, body),
};
