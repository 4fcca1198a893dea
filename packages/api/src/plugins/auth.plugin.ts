import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, LedgerflowError, UnauthenticatedError } from '@ledgerflow/flow-model';
import { createSessionStore } from '@ledgerflow/db';
import type { Role } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { hashToken } from '../services/auth.service.ts';

export const SESSION_COOKIE = 'lf_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
  locale: string;
  /** Set after an admin sets or resets the password: until changed, only the routes below answer. */
  mustChangePassword: boolean;
}

/** `METHOD url` of the routes a user who must change their password can still reach. */
export const PASSWORD_CHANGE_ROUTES = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/account/password',
]);

export class PasswordChangeRequiredError extends LedgerflowError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 'Change your password first (POST /api/account/password)', { status: 403 });
  }
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

/**
 * Cookie sessions stored in Postgres (only a hash of the token). Every route needs a session unless
 * its config says `public`; state-changing requests must echo the session's CSRF token in a header.
 */
export const authPlugin = fp(async function authPlugin(app: FastifyInstance, deps: AppDeps) {
  const sessions = createSessionStore(deps.orm);
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
      const idHash = hashToken(token);
      const u = await sessions.findUser(idHash);
      if (u) {
        req.user = {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          roles: u.roles,
          groups: u.groups,
          locale: u.locale,
          mustChangePassword: u.must_change_password,
        };
        req.csrfToken = u.csrf_token;
        if (u.stale) await sessions.touch(idHash);
      }
    }
    // Unknown routes fall through to the 404 handler; public routes and the designer's files need no session.
    if (!req.routeOptions.url || req.routeOptions.config?.public || !req.url.startsWith('/api/')) return;
    if (!req.user) throw new UnauthenticatedError();
    if (req.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${req.method} ${req.routeOptions.url}`))
      throw new PasswordChangeRequiredError();
    if (UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      const ok =
        typeof sent === 'string' &&
        sent.length === req.csrfToken!.length &&
        timingSafeEqual(Buffer.from(sent), Buffer.from(req.csrfToken!));
      if (!ok)
        throw new ForbiddenError('Missing or wrong CSRF token (send the x-csrf-token header from /api/auth/me)', {
          reason: 'CSRF',
        });
    }
  });
});
