// Login and sessions: password check (argon2id) and the session rows behind the cookie.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { createSessionStore, createUserStore, type UserLoginRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

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
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + deps.env.SESSION_TTL_HOURS * 3600_000);
  await createSessionStore(deps.orm).insert({ idHash: hashToken(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function endSession(deps: AppDeps, token: string): Promise<void> {
  await createSessionStore(deps.orm).delete(hashToken(token));
}
