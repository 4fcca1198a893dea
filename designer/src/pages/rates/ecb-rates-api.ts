// The ECB rate calls (admins); types are the API's.
import type { ApiBody, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

export type EcbRatesView = ApiResponse<'/api/admin/ecb-rates', 'get'>;
export type EcbRate = EcbRatesView['rates'][number];
export type EcbRateInput = ApiBody<'/api/admin/ecb-rates', 'post'>;

export const ecbRatesApi = {
  list: () => send('get', '/api/admin/ecb-rates', {}),
  add: (body: EcbRateInput) => send('post', '/api/admin/ecb-rates', {}, body),
  remove: (effectiveDate: string) => send('delete', '/api/admin/ecb-rates/{effectiveDate}', { effectiveDate }),
};
