// The account page's calls: own password and sessions; types are the API's (api-types.ts).
import type { ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

export type OwnSession = ApiResponse<'/api/auth/sessions', 'get'>['items'][number];

export const accountApi = {
  changePassword: (currentPassword: string, newPassword: string) =>
    send('post', '/api/account/password', {}, { currentPassword, newPassword }),
  sessions: () => send('get', '/api/auth/sessions', {}),
  revoke: (id: string) => send('delete', '/api/auth/sessions/{id}', { id }),
};
