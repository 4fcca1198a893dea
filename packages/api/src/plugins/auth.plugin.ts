import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '@ledgerflow/flow-model';
import { preparedQuery, type Role } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

export const SESSION_COOKIE = 'lf_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
  locale: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    /** preHandler: the session user must hold one of these roles (admin always passes). */
    requireRole(...roles: Role[]): (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session: health, login, docs. */
    public?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

/**
 * Cookie sessions stored in Postgres (only a hash of the token). Every route needs a session unless
 * its config says `public`; state-changing requests must echo the session's CSRF token in a header.
 */
export const authPlugin = fp(async function authPlugin(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest) => {
    const user = req.user;
    if (!user) throw new UnauthenticatedError();
    if (user.roles.includes('admin') || roles.some((r) => user.roles.includes(r))) return;
    throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`, { required: roles });
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      // Every request runs this lookup: prepared once per connection.
      const rows = await preparedQuery<{ csrf_token: string; id: string; username: string; display_name: string; roles: Role[]; groups: string[]; locale: string }>(
        deps.orm,
        `select s.csrf_token, u.id, u.username, u.display_name, u.roles, u.groups, u.locale
           from sessions s join users u on u.id = s.user_id
          where s.id = ? and s.expires_at > now() and not u.disabled`,
        [hashToken(token)],
      );
      const r = rows[0];
      if (r) {
        req.user = { id: r.id, username: r.username, displayName: r.display_name, roles: r.roles, groups: r.groups, locale: r.locale };
        req.csrfToken = r.csrf_token;
      }
    }
    // Unknown routes fall through to the 404 handler; public routes and the designer's files need no session.
    if (!req.routeOptions.url || req.routeOptions.config?.public || !req.url.startsWith('/api/')) return;
    if (!req.user) throw new UnauthenticatedError();
    if (UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      const ok = typeof sent === 'string' && sent.length === req.csrfToken!.length && timingSafeEqual(Buffer.from(sent), Buffer.from(req.csrfToken!));
      if (!ok) throw new ForbiddenError('Missing or wrong CSRF token (send the x-csrf-token header from /api/auth/me)', { reason: 'CSRF' });
    }
  });
});

export async function createSession(deps: AppDeps, userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + deps.env.SESSION_TTL_HOURS * 3600_000);
  await deps.orm.em.fork().getConnection().execute('insert into sessions (id, user_id, csrf_token, expires_at) values (?, ?, ?, ?)', [hashToken(token), userId, csrfToken, expiresAt]);
  return { token, csrfToken, expiresAt };
}
