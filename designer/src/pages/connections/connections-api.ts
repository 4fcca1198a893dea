// The connections page's calls to /api/connectors and /api/connections; types are the API's (api-types.ts).
import type { ApiBody, ApiResponse } from '../../api/api-types.ts';
import { send } from './admin-call.ts';

export type ConnectorInfo = ApiResponse<'/api/connectors', 'get'>['connectors'][string];
export type Connection = ApiResponse<'/api/connections', 'get'>['items'][number];
export type TestResult = ApiResponse<'/api/connections/{id}/test', 'post'>;
type Create = ApiBody<'/api/connections', 'post'>;
// The API lists the installed connectors' ids; the page offers whatever /api/connectors answers at run time.
export type ConnectionInput = Omit<Create, 'connectorId'> & { connectorId: string };
export type ConnectionUpdate = ApiBody<'/api/connections/{id}', 'put'>;

export const connectionsApi = {
  connectors: () => send('get', '/api/connectors', {}),
  list: (q?: string) => send('get', '/api/connections', {}, undefined, { q }),
  create: (body: ConnectionInput) => send('post', '/api/connections', {}, body as Create),
  update: (id: string, body: ConnectionUpdate) => send('put', '/api/connections/{id}', { id }, body),
  remove: (id: string) => send('delete', '/api/connections/{id}', { id }),
  test: (id: string) => send('post', '/api/connections/{id}/test', { id }),
};
