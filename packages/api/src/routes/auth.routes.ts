import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { LedgerflowError, UnauthenticatedError } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { SESSION_COOKIE } from '../plugins/auth.plugin.ts';
import { createSession, endSession, verifyLogin } from '../services/auth.service.ts';
import { recordAudit } from '../services/audit.service.ts';
import { LoginSchema, LogoutSchema, MeSchema } from '../schemas/auth.schema.ts';
import { assertPasswordLogin } from '../services/sso-settings.service.ts';

/** Failed logins allowed per window: for one account from one address, and for one address over all accounts. */
export const LOGIN_LIMITS = { perAccountAddress: 5, perAddress: 20, windowMs: 15 * 60_000 };

export class LoginThrottledError extends LedgerflowError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, scope: 'account' | 'address') {
    const from = scope === 'account' ? 'for this account from your address' : 'from your address';
    super('LOGIN_THROTTLED', `Too many failed logins ${from}; retry in ${retryAfterSeconds} s`, {
      status: 429,
      details: { retryAfterSeconds, scope },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const isLocalHost = (host: string) => LOCAL_HOSTS.has(host) || host.endsWith('.localhost') || host.startsWith('127.');

/**
 * The session cookie is Secure unless the product is reached over plain HTTP at localhost (the start command,
 * tests). PUBLIC_URL, when set, says how users reach it; else the request does (behind a TLS proxy the Host is
 * the public name, so the cookie is Secure). COOKIE_SECURE=true forces it.
 */
export function cookieSecure(env: AppDeps['env'], req: FastifyRequest): boolean {
  if (env.COOKIE_SECURE) return true;
  if (env.PUBLIC_URL) {
    const url = new URL(env.PUBLIC_URL);
    return url.protocol !== 'http:' || !isLocalHost(url.hostname);
  }
  return req.protocol !== 'http' || !isLocalHost(req.hostname);
}

export const authRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  // Only failures count, so an office behind one address is not throttled by its colleagues' successful logins,
  // and a stranger guessing a password locks out that account from the stranger's address only.
  await app.register(rateLimit, { global: false });
  const perAddress = app.createRateLimit({
    max: LOGIN_LIMITS.perAddress,
    timeWindow: LOGIN_LIMITS.windowMs,
    keyGenerator: (req) => `ip|${req.ip}`,
  });
  const perAccount = app.createRateLimit({
    max: LOGIN_LIMITS.perAccountAddress,
    timeWindow: LOGIN_LIMITS.windowMs,
    keyGenerator: (req) =>
      `account|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}|${req.ip}`,
  });
  const throttled = async (req: FastifyRequest): Promise<LoginThrottledError | null> => {
    for (const [limit, scope] of [
      [perAccount, 'account'],
      [perAddress, 'address'],
    ] as const) {
      const r = await limit(req, { increment: false });
      if (!r.isAllowed && r.remaining === 0) return new LoginThrottledError(Math.max(1, r.ttlInSeconds), scope);
    }
    return null;
  };
  app.setErrorHandler((err, _req, reply) => {
    if (!(err instanceof LoginThrottledError)) throw err;
    return reply.status(429).header('retry-after', String(err.retryAfterSeconds)).send(err.toJSON());
  });

  app.post('/api/auth/login', { config: { public: true }, schema: LoginSchema }, async (req, reply) => {
    await assertPasswordLogin(deps);
    const refused = await throttled(req);
    const actorUsername = req.body.username.slice(0, 200);
    if (refused) {
      const details = { retryAfterSeconds: refused.retryAfterSeconds };
      await recordAudit(deps, req, { action: 'login.throttled', actorUsername, details });
      throw refused;
    }
    const u = await verifyLogin(deps, req.body.username, req.body.password);
    if (!u) {
      await Promise.all([perAccount(req), perAddress(req)]);
      await recordAudit(deps, req, { action: 'login.failed', actorUsername });
      throw new UnauthenticatedError('Wrong username or password');
    }
    const s = await createSession(deps, u.id, req);
    await recordAudit(deps, req, {
      action: 'login.succeeded',
      actorId: u.id,
      actorUsername: u.username,
      targetType: 'user',
      targetId: u.id,
    });
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(deps.env, req),
      path: '/',
      expires: s.expiresAt,
    });
    return {
      user: {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        roles: u.roles,
        groups: u.groups,
        locale: u.locale,
        mustChangePassword: u.must_change_password,
      },
      csrfToken: s.csrfToken,
    };
  });

  app.post('/api/auth/logout', { schema: LogoutSchema }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endSession(deps, token);
    await recordAudit(deps, req, { action: 'logout', targetType: 'user', targetId: req.user!.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { schema: MeSchema }, async (req) => {
    return { user: req.user!, csrfToken: req.csrfToken! };
  });
};
