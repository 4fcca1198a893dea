import type { ConnectorCatalog, FlowDefinition, Problem } from '@ledgerflow/flow-model';
import type { RunEvent } from '../run/run-trace.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  groups?: string[];
  locale?: string;
}
export interface Session {
  user: User;
  csrfToken: string;
}
export interface FlowSummary {
  id: string;
  name: string;
  description?: string;
  activeVersion: number | null;
  latestVersion: number | null;
  updatedAt: string;
}
export interface FlowVersionInfo {
  version: number;
  comment: string;
  hash: string;
  publishedAt: string;
  publishedBy: string;
}
export interface FlowRecord {
  id: string;
  name: string;
  draft: FlowDefinition;
  activeVersion: number | null;
  versions: FlowVersionInfo[];
}
export interface FlowVersion {
  version: number;
  comment: string;
  hash: string;
  definition: FlowDefinition;
  publishedAt: string;
}
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timedOut' | string;
export interface RunSummary {
  runId: string;
  flowId: string;
  /** 0 for test runs of the draft. */
  version: number | null;
  businessKey: string;
  status: RunStatus;
  currentNodes: string[];
  startedAt: string;
  endedAt: string | null;
}
export interface RunDetail {
  run: RunSummary & { variables?: Record<string, unknown>; input?: Record<string, unknown>; temporalUrl?: string | null; outcome?: string | null; error?: unknown };
  events: RunEvent[];
}
export interface FlowStats {
  nodes: Record<string, { entered: number; active: number; failed: number }>;
}

/** Every API failure, with the server's stable code; FLOW_INVALID carries the problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  get problems(): Problem[] {
    const d = this.details as { problems?: Problem[] } | undefined;
    return Array.isArray(d?.problems) ? d.problems : [];
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

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => request<Session>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Session>('GET', '/api/auth/me'),
  connectors: () => request<ConnectorCatalog>('GET', '/api/connectors'),
  listFlows: () => request<{ items: FlowSummary[] }>('GET', '/api/flows'),
  createFlow: (definition: FlowDefinition) => request<FlowRecord>('POST', '/api/flows', { definition }),
  getFlow: (id: string) => request<FlowRecord>('GET', `/api/flows/${enc(id)}`),
  saveDraft: (id: string, definition: FlowDefinition) => request<{ savedAt: string; problems: Problem[] }>('PUT', `/api/flows/${enc(id)}/draft`, { definition }),
  publish: (id: string, comment: string) => request<{ version: number; hash: string }>('POST', `/api/flows/${enc(id)}/publish`, { comment }),
  getVersion: (id: string, version: number) => request<FlowVersion>('GET', `/api/flows/${enc(id)}/versions/${version}`),
  activate: (id: string, version: number) => request<{ activeVersion: number }>('POST', `/api/flows/${enc(id)}/versions/${version}/activate`),
  duplicate: (id: string) => request<{ id: string }>('POST', `/api/flows/${enc(id)}/duplicate`),
  testRun: (id: string, input: Record<string, unknown>, businessKey?: string) =>
    request<{ runId: string }>('POST', `/api/flows/${enc(id)}/test-run`, businessKey ? { input, businessKey } : { input }),
  startRun: (flowId: string, input: Record<string, unknown>, businessKey: string, version?: number) =>
    request<{ runId: string; workflowId: string }>('POST', '/api/runs', version ? { flowId, version, input, businessKey } : { flowId, input, businessKey }),
  listRuns: (q: { flowId?: string; status?: string; businessKey?: string }) => {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]);
    return request<{ items: RunSummary[]; total: number }>('GET', `/api/runs${params.size ? `?${params}` : ''}`);
  },
  getRun: (runId: string) => request<RunDetail>('GET', `/api/runs/${enc(runId)}`),
  flowStats: (id: string) => request<FlowStats>('GET', `/api/flows/${enc(id)}/stats`),
};
