// The one way the API records an audit entry: who (the session's user), from where (the request's address),
// what, and the before and after of the object. Secrets never go in: callers pass views without them.
import type { FastifyRequest } from 'fastify';
import type { AuditAction } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';

export interface AuditEntry {
  action: AuditAction;
  /** What was acted on: 'user', 'session', 'connection', 'flow', 'task', 'sso'… and its id. */
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  /** When there is no session yet (a failed login): who it was for. */
  actorUsername?: string;
}

/** Appends one entry. TODO(audit helper): store it in audit_log through packages/db's audit store. */
export async function recordAudit(_deps: AppDeps, _req: FastifyRequest | null, _entry: AuditEntry): Promise<void> {}
