// The SSO calls: the public status the login page reads, and the admin settings; types are the API's.
import type { ApiBody, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

export type SsoStatus = ApiResponse<'/api/auth/sso', 'get'>;
export type SsoSettings = ApiResponse<'/api/admin/sso', 'get'>;
export type SsoSettingsInput = ApiBody<'/api/admin/sso', 'put'>;
export type SsoTestResult = ApiResponse<'/api/admin/sso/test', 'post'>;

export const ssoApi = {
  status: () => send('get', '/api/auth/sso', {}),
  settings: () => send('get', '/api/admin/sso', {}),
  save: (body: SsoSettingsInput) => send('put', '/api/admin/sso', {}, body),
  test: (body: { issuer?: string; clientId?: string }) => send('post', '/api/admin/sso/test', {}, body),
};
/** A full-page navigation: the provider's sign-in page is another site. */
export const SSO_LOGIN_URL = '/api/auth/sso/login';
