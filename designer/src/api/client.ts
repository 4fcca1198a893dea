import type { FlowDefinition, Problem } from '@ledgerflow/flow-model';
import type { ApiBody, ApiMethod, ApiParams, ApiPath, ApiQuery, ApiResponse } from './api-types.ts';
import { useLang } from '../i18n/i18n.ts';
import { errorText } from './error-messages.ts';

// Request and response types are the API's own (api-types.ts over the generated openapi.gen.ts); where the API
// documents a flow definition as any JSON object, the designer reads it as the flow-model type it edits.
export type Session = ApiResponse<'/api/auth/me', 'get'>;
export type User = Session['user'];
export type FlowSummary = ApiResponse<'/api/flows', 'get'>['items'][number];
export type FlowRecord = Omit<ApiResponse<'/api/flows/{id}', 'get'>, 'draft'> & { draft: FlowDefinition };
export type FlowVersionInfo = FlowRecord['versions'][number];
export type VersionDiff = ApiResponse<'/api/flows/{id}/versions/{a}/diff/{b}', 'get'>;
export type FlowVersion = Omit<ApiResponse<'/api/flows/{id}/versions/{version}', 'get'>, 'definition'> & {
  definition: FlowDefinition;
};
/** Plain text in the API today (no enum), so pages compare it to the names they know. */
export type RunStatus = RunSummary['status'];
export type RunSummary = ApiResponse<'/api/runs', 'get'>['items'][number];
export type RunDetail = ApiResponse<'/api/runs/{runId}', 'get'>;
export type FlowStats = ApiResponse<'/api/flows/{id}/stats', 'get'>;
/** The installed connectors: the catalog the validator and the property panel read. */
export type Catalog = ApiResponse<'/api/connectors', 'get'>;

/**
 * Every API failure, with the server's stable code; FLOW_INVALID carries the problems. `message` is the user's text
 * for the code in the current language (error-messages.ts); `serverMessage` is the API's own.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly serverMessage: string;
  constructor(status: number, code: string, message: string, details: unknown) {
    super(errorText(useLang.getState().lang, code, message));
    this.status = status;
    this.code = code;
    this.details = details;
    this.serverMessage = message;
  }
  /** The refusal's problems; one whose code has a text of ours reads it in the user's language. */
  get problems(): Problem[] {
    const d = this.details as { problems?: Problem[] } | undefined;
    const lang = useLang.getState().lang;
    return Array.isArray(d?.problems)
      ? d.problems.map((p) => ({ ...p, message: errorText(lang, p.code, p.message) }))
      : [];
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

/** The CSRF token of the current session, asked of the API when a page writes before anything set it. */
async function csrf(): Promise<string> {
  if (!csrfToken) csrfToken = (await request<{ csrfToken: string }>('GET', '/api/auth/me')).csrfToken;
  return csrfToken;
}

/** Every call of the app: JSON (or FormData for uploads), session cookie, CSRF header on writes, typed errors. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | null = null;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // The session cookie alone would let another site trigger writes; the header proves same-origin script.
  if (method !== 'GET' && path !== '/api/auth/login') headers['x-csrf-token'] = await csrf();
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { code: 'BAD_RESPONSE', message: text.slice(0, 200) };
  }
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: { reason?: string } };
    // A stale token (new session) is asked for again on the next write.
    if (res.status === 403 && e.details?.reason === 'CSRF') csrfToken = null;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') onUnauthenticated?.();
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
  }
  return data as T;
}

/**
 * A multipart upload that reports its progress (fetch cannot): same session, CSRF header and typed errors as
 * `request`. `onProgress` gets the bytes sent and the total.
 */
export async function upload<T>(
  path: string,
  body: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  const token = await csrf();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('x-ledgerflow-client', 'designer');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload could not reach the server', undefined));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = { code: 'BAD_RESPONSE', message: xhr.responseText.slice(0, 200) };
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const e = (data ?? {}) as { code?: string; message?: string; details?: { reason?: string } };
      if (xhr.status === 403 && e.details?.reason === 'CSRF') csrfToken = null;
      if (xhr.status === 401) onUnauthenticated?.();
      reject(new ApiError(xhr.status, e.code ?? `HTTP_${xhr.status}`, e.message ?? xhr.statusText, e.details));
    };
    xhr.send(body);
  });
}

const enc = encodeURIComponent;

type Query<P extends ApiPath, M extends ApiMethod<P>> = Partial<
  Record<keyof ApiQuery<P, M>, string | number | boolean | undefined>
>;

/**
 * A call typed by its route as the API documents it: the route must exist with this method, and the path parameters,
 * query names, body and answer are the route's. Query values left empty are not sent.
 */
export function send<P extends ApiPath, M extends ApiMethod<P>>(
  method: M,
  route: P,
  params: ApiParams<P, M>,
  body?: ApiBody<P, M> | FormData,
  query?: Query<P, M>,
): Promise<ApiResponse<P, M>> {
  const values = params as Record<string, string | number>;
  const url = route.replace(/\{(\w+)\}/g, (_, k: string) => enc(String(values[k])));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') q.set(k, String(v));
  return request<ApiResponse<P, M>>(method.toUpperCase(), q.size ? `${url}?${q}` : url, body);
}

export const api = {
  login: (username: string, password: string) => send('post', '/api/auth/login', {}, { username, password }),
  logout: () => send('post', '/api/auth/logout', {}),
  me: () => send('get', '/api/auth/me', {}),
  connectors: () => send('get', '/api/connectors', {}),
  listFlows: () => send('get', '/api/flows', {}),
  createFlow: (definition: FlowDefinition) => send('post', '/api/flows', {}, { definition }) as Promise<FlowRecord>,
  getFlow: (id: string) => send('get', '/api/flows/{id}', { id }) as Promise<FlowRecord>,
  saveDraft: (id: string, definition: FlowDefinition) => send('put', '/api/flows/{id}/draft', { id }, { definition }),
  publish: (id: string, comment: string) => send('post', '/api/flows/{id}/publish', { id }, { comment }),
  getVersion: (id: string, version: number) =>
    send('get', '/api/flows/{id}/versions/{version}', { id, version }) as Promise<FlowVersion>,
  diffVersions: (id: string, a: number, b: number) =>
    send('get', '/api/flows/{id}/versions/{a}/diff/{b}', { id, a, b }),
  activate: (id: string, version: number) =>
    send('post', '/api/flows/{id}/versions/{version}/activate', { id, version }),
  duplicate: (id: string) => send('post', '/api/flows/{id}/duplicate', { id }),
  testRun: (id: string, input: Record<string, unknown>, businessKey?: string) =>
    send('post', '/api/flows/{id}/test-run', { id }, businessKey ? { input, businessKey } : { input }),
  startRun: (flowId: string, input: Record<string, unknown>, businessKey: string, version?: number) =>
    send('post', '/api/runs', {}, version ? { flowId, version, input, businessKey } : { flowId, input, businessKey }),
  listRuns: (q: { flowId?: string; status?: string; businessKey?: string }) =>
    send('get', '/api/runs', {}, undefined, q),
  getRun: (runId: string) => send('get', '/api/runs/{runId}', { runId }),
  flowStats: (id: string) => send('get', '/api/flows/{id}/stats', { id }),
};
