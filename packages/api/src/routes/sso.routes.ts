import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { LedgerflowError } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { SESSION_COOKIE } from '../plugins/auth.plugin.ts';
import { createSession } from '../services/auth.service.ts';
import { finishSsoLogin, SSO_PENDING_TTL_MS, startSsoLogin } from '../services/sso.service.ts';
import {
  getSsoSettings,
  passwordLoginEnabled,
  saveSsoSettings,
  testSso,
  type SsoSettings,
} from '../services/sso-settings.service.ts';
import {
  GetSsoSettingsSchema,
  PutSsoSettingsSchema,
  SsoCallbackSchema,
  SsoLoginSchema,
  SsoPublicSchema,
  TestSsoSchema,
} from '../schemas/sso.schema.ts';
import { cookieSecure } from './auth.routes.ts';

/** Holds state, nonce and PKCE verifier between the redirect and the callback (sealed by the SecretBox). */
export const SSO_PENDING_COOKIE = 'lf_sso';
const PENDING_PATH = '/api/auth/sso';

/** Single sign-on: OpenID Connect login and callback, and its admin settings. */
export const ssoRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const admin = { onRequest: app.requireRole('admin') };
  const publicUrl = (req: FastifyRequest) =>
    (deps.env.PUBLIC_URL ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
  const redirectUri = (req: FastifyRequest) => `${publicUrl(req)}/api/auth/sso/callback`;
  const view = async (req: FastifyRequest, s: SsoSettings) => ({
    ...s,
    redirectUri: redirectUri(req),
    passwordLoginForced: deps.env.LEDGERFLOW_PASSWORD_LOGIN === 'force',
  });

  app.setErrorHandler((err, req, reply) => {
    // A browser coming back from the provider gets the login page with the reason, not a page of JSON.
    const browser = (req.headers.accept ?? '').includes('text/html');
    if (err instanceof LedgerflowError && browser && req.routeOptions.url?.startsWith('/api/auth/sso/'))
      return reply.redirect(`/?sso_error=${encodeURIComponent(err.code)}`, 302);
    throw err;
  });

  app.get('/api/auth/sso', { config: { public: true }, schema: SsoPublicSchema }, async () => {
    const s = await getSsoSettings(deps);
    return { enabled: s.enabled, buttonLabel: s.buttonLabel, passwordLogin: await passwordLoginEnabled(deps) };
  });

  app.get('/api/auth/sso/login', { config: { public: true }, schema: SsoLoginSchema }, async (req, reply) => {
    const { url, sealed } = await startSsoLogin(deps, redirectUri(req));
    // Lax, not strict: the provider's redirect back is a cross-site navigation, which must carry this cookie.
    reply.setCookie(SSO_PENDING_COOKIE, sealed, {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieSecure(deps.env, req),
      path: PENDING_PATH,
      maxAge: SSO_PENDING_TTL_MS / 1000,
    });
    return reply.redirect(url, 302);
  });

  app.get('/api/auth/sso/callback', { config: { public: true }, schema: SsoCallbackSchema }, async (req, reply) => {
    // Every parameter the provider sent (iss, session_state…) goes to the client library, not only the known ones.
    const query = Object.fromEntries(new URL(req.url, 'http://callback').searchParams);
    reply.clearCookie(SSO_PENDING_COOKIE, { path: PENDING_PATH });
    const user = await finishSsoLogin(deps, req, query, req.cookies[SSO_PENDING_COOKIE]);
    const s = await createSession(deps, user.id);
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(deps.env, req),
      path: '/',
      expires: s.expiresAt,
    });
    return reply.redirect('/', 302);
  });

  app.get('/api/admin/sso', { ...admin, schema: GetSsoSettingsSchema }, async (req) =>
    view(req, await getSsoSettings(deps)),
  );
  app.put('/api/admin/sso', { ...admin, schema: PutSsoSettingsSchema }, async (req) =>
    view(req, await saveSsoSettings(deps, req, req.body)),
  );
  app.post('/api/admin/sso/test', { ...admin, schema: TestSsoSchema }, async (req) => testSso(deps, req.body ?? {}));
};
