// The one way the API records an audit entry: who (the session's user), from where (the request's address),
// what, and the before and after of the object. Secrets never go in: callers pass views without them, and
// fields named like secrets are blanked here as a second guard.
import type { FastifyRequest } from 'fastify';
import type { AuditAction } from '@ledgerflow/flow-model';
import { createAuditStore, pgTimestampIso, type AuditFilter, type AuditRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

export interface AuditEntry {
  action: AuditAction;
  /** What was acted on: 'user', 'session', 'connection', 'flow', 'task', 'sso'… and its id. */
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  /** When there is no session yet (a login): who it was for. */
  actorUsername?: string;
  /** When there is no session yet but the user is known (a successful login). */
  actorId?: string;
}

const SECRET_KEYS = new Set([
  'password',
  'newpassword',
  'currentpassword',
  'passwordhash',
  'password_hash',
  'secret',
  'secrets',
  'secrets_enc',
  'clientsecret',
  'client_secret',
  'token',
  'apikey',
  'privatekey',
]);
const REDACTED = '[redacted]';

/** A copy with every value under a secret-looking key replaced, at any depth. */
export function withoutSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutSecrets);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.has(k.toLowerCase()) ? REDACTED : withoutSecrets(x);
  return out;
}

/**
 * Appends one entry. Audit is part of the action: a failed insert throws, so the request fails instead of
 * succeeding with its trace silently lost.
 */
export async function recordAudit(deps: AppDeps, req: FastifyRequest | null, entry: AuditEntry): Promise<void> {
  const ua = req?.headers['user-agent'];
  await createAuditStore(deps.orm.em.fork()).insert({
    action: entry.action,
    actorId: req?.user?.id ?? entry.actorId ?? null,
    actorUsername: req?.user?.username ?? entry.actorUsername ?? null,
    ip: req?.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    before: withoutSecrets(entry.before),
    after: withoutSecrets(entry.after),
    details: withoutSecrets(entry.details ?? {}) as Record<string, unknown>,
  });
}

export const auditView = (r: AuditRow) => ({
  id: r.id,
  at: pgTimestampIso(r.at),
  action: r.action,
  actorId: r.actor_id,
  actorUsername: r.actor_username,
  ip: r.ip,
  userAgent: r.user_agent,
  targetType: r.target_type,
  targetId: r.target_id,
  before: r.before ?? null,
  after: r.after ?? null,
  details: r.details,
});
export type AuditView = ReturnType<typeof auditView>;

export async function listAudit(deps: AppDeps, f: AuditFilter, limit: number, offset: number) {
  const { rows, total } = await createAuditStore(deps.orm.em.fork()).list(f, limit, offset);
  return { items: rows.map(auditView), total };
}

/** Pages of matching entries, newest first, for the export. */
export async function* auditPages(deps: AppDeps, f: AuditFilter): AsyncGenerator<AuditView[]> {
  for await (const rows of createAuditStore(deps.orm.em.fork()).each(f)) yield rows.map(auditView);
}
