// The connections page's calls to /api/connectors and /api/connections.
import type { JsonSchema, LabelTranslations } from '@ledgerflow/flow-model';
import { call, enc } from './admin-call.ts';

export interface ConnectorInfo {
  id: string;
  version: string;
  title?: string;
  description?: string;
  /** The connector's own labels in other languages; `fields` name connection config and secrets properties. */
  translations?: LabelTranslations;
  connection?: { config: JsonSchema; secrets: JsonSchema };
}
export interface Connection {
  id: string; name: string; connectorId: string; config: Record<string, unknown>;
  secretNames: string[]; keyId: string; createdAt: string; updatedAt: string;
}
export interface TestResult { ok: boolean; message: string; code?: string; durationMs: number }
export interface ConnectionInput { name: string; connectorId: string; config: Record<string, unknown>; secrets: Record<string, unknown> }

export const connectionsApi = {
  connectors: () => call<{ connectors: Record<string, ConnectorInfo> }>('GET', '/api/connectors'),
  list: () => call<{ items: Connection[] }>('GET', '/api/connections'),
  create: (body: ConnectionInput) => call<Connection>('POST', '/api/connections', body),
  update: (id: string, body: Partial<Omit<ConnectionInput, 'connectorId'>>) => call<Connection>('PUT', `/api/connections/${enc(id)}`, body),
  remove: (id: string) => call<{ ok: true }>('DELETE', `/api/connections/${enc(id)}`),
  test: (id: string) => call<TestResult>('POST', `/api/connections/${enc(id)}/test`),
};
