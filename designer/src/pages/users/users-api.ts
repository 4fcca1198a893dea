// The users page's calls to /api/admin/users; types are the API's (api-types.ts).
import type { ApiBody, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

export type AdminUser = ApiResponse<'/api/admin/users', 'get'>['items'][number];
export type UserFilters = { q?: string; status?: 'enabled' | 'disabled' };
export type NewUserBody = ApiBody<'/api/admin/users', 'post'>;
export type UserPatch = ApiBody<'/api/admin/users/{id}', 'put'>;
export type ReassignBody = ApiBody<'/api/admin/users/{id}/reassign-tasks', 'post'>;

export const usersApi = {
  list: (f: UserFilters = {}) => send('get', '/api/admin/users', {}, undefined, f),
  create: (body: NewUserBody) => send('post', '/api/admin/users', {}, body),
  update: (id: string, body: UserPatch) => send('put', '/api/admin/users/{id}', { id }, body),
  disable: (id: string) => send('post', '/api/admin/users/{id}/disable', { id }),
  enable: (id: string) => send('post', '/api/admin/users/{id}/enable', { id }),
  resetPassword: (id: string, password: string) => send('post', '/api/admin/users/{id}/password', { id }, { password }),
  sessions: (id: string) => send('get', '/api/admin/users/{id}/sessions', { id }),
  revokeSession: (id: string, sessionId: string) =>
    send('delete', '/api/admin/users/{id}/sessions/{sessionId}', { id, sessionId }),
  revokeAll: (id: string) => send('delete', '/api/admin/users/{id}/sessions', { id }),
  reassign: (id: string, body: ReassignBody) => send('post', '/api/admin/users/{id}/reassign-tasks', { id }, body),
};
