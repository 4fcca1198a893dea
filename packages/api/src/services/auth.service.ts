// Login and sessions: password check (argon2id), the session rows behind the cookie, a user's own password change.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '@ledgerflow/flow-model';
import { createSessionStore, createUserStore, type SessionView, type UserLoginRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { recordAudit } from './audit.service.ts';
import { assertPasswordPolicy } from './password-policy.ts';

export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

// Verified against for unknown users, so they cost the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

/** The enabled user these credentials belong to, else null (same cost whether or not the user exists). */
export async function verifyLogin(deps: AppDeps, username: string, password: string): Promise<UserLoginRow | null> {
  const u = await createUserStore(deps.orm.em.fork()).findForLogin(username);
  dummyHash ??= hash('not-a-password');
  const ok = await verify(u?.password_hash ?? (await dummyHash), password).catch(() => false);
  // An SSO-only user (no hash) was checked against the dummy: that must never open a session.
  return u && u.password_hash && ok && !u.disabled ? u : null;
}

/** Only a hash of the token is stored: a copy of the table opens no session. */
export async function createSession(
  deps: AppDeps,
  userId: string,
  req?: FastifyRequest,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + deps.env.SESSION_TTL_HOURS * 3600_000);
  const sessions = createSessionStore(deps.orm);
  // Logins are rare enough to carry the purge of expired rows (the server also purges periodically).
  await sessions.purgeExpired();
  const ua = req?.headers['user-agent'];
  await sessions.insert({
    idHash: hashToken(token),
    userId,
    csrfToken,
    expiresAt,
    ip: req?.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null,
  });
  return { token, csrfToken, expiresAt };
}

export async function endSession(deps: AppDeps, token: string): Promise<void> {
  await createSessionStore(deps.orm).delete(hashToken(token));
}

/** Purges expired sessions every `everyMs` until the returned stop is called. */
export function startSessionPurge(deps: AppDeps, log: { warn(o: object, m: string): void }, everyMs = 3600_000) {
  const timer = setInterval(() => {
    createSessionStore(deps.orm)
      .purgeExpired()
      .catch((err: unknown) => log.warn({ err }, 'expired session purge failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function listOwnSessions(
  deps: AppDeps,
  u: SessionUser,
  token: string | undefined,
): Promise<SessionView[]> {
  return createSessionStore(deps.orm).listForUser(u.id, token ? hashToken(token) : null);
}

export async function revokeOwnSession(deps: AppDeps, req: FastifyRequest, sessionId: string): Promise<void> {
  const u = req.user!;
  if (!(await createSessionStore(deps.orm).deleteByPublicId(u.id, sessionId)))
    throw new NotFoundError('Session', sessionId);
  await recordAudit(deps, req, {
    action: 'session.revoked',
    targetType: 'session',
    targetId: sessionId,
    details: { userId: u.id },
  });
}

/**
 * The signed-in user replaces their password: the current one must match, the new one must meet the policy and
 * differ. Their other sessions end (whoever knew the old password is signed out); this one stays.
 */
export async function changeOwnPassword(
  deps: AppDeps,
  req: FastifyRequest,
  token: string | undefined,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { currentPassword, newPassword } = body;
  const u = req.user!;
  const users = createUserStore(deps.orm.em.fork());
  const stored = await users.passwordHash(u.id);
  const ok = stored ? await verify(stored, currentPassword).catch(() => false) : false;
  if (!ok)
    throw new ValidationError(
      'The current password is wrong',
      [{ path: '/currentPassword', code: 'PASSWORD_WRONG', message: 'does not match your current password' }],
      'PASSWORD_WRONG',
    );
  if (newPassword === currentPassword)
    throw new ValidationError(
      'The new password must differ from the current one',
      [{ path: '/newPassword', code: 'PASSWORD_UNCHANGED', message: 'must differ from the current password' }],
      'PASSWORD_UNCHANGED',
    );
  assertPasswordPolicy(newPassword, u.username);
  await users.setPassword(u.id, await hash(newPassword), false);
  await createSessionStore(deps.orm).deleteForUser(u.id, token ? hashToken(token) : null);
  await recordAudit(deps, req, { action: 'user.password_changed', targetType: 'user', targetId: u.id });
}
