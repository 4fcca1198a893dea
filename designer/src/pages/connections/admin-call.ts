// JSON calls for the admin pages (connections, dashboards): the session cookie plus the CSRF header on
// writes, fetched once from /api/auth/me; failures become the app's ApiError with the server's code and details.
import { ApiError } from '../../api/client.ts';

let csrf: string | null = null;
async function token(): Promise<string> {
  if (csrf) return csrf;
  const me = await call<{ csrfToken: string }>('GET', '/api/auth/me');
  csrf = me.csrfToken;
  return csrf;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = await token();
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { code: 'BAD_RESPONSE', message: text.slice(0, 200) };
  }
  if (!res.ok) {
    // A stale token (new session) is fetched again on the next write.
    if (res.status === 403 && (data as { details?: { reason?: string } } | undefined)?.details?.reason === 'CSRF') csrf = null;
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
  }
  return data as T;
}

export const enc = encodeURIComponent;
