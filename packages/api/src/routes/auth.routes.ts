import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hash, verify } from '@node-rs/argon2';
import { UnauthenticatedError } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { createSession, hashToken, SESSION_COOKIE } from '../plugins/auth.plugin.ts';
import { withErrors } from '../schemas/common.schema.ts';

const SessionView = Type.Object({
  user: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()), groups: Type.Array(Type.String()), locale: Type.String() }),
  csrfToken: Type.String(),
});

// Verified against for unknown users, so they cost the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export const authRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  app.post('/api/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1000 }) }), response: withErrors({ 200: SessionView }) },
  }, async (req, reply) => {
    const rows = await deps.orm.em.fork().getConnection().execute<Array<{ id: string; password_hash: string; username: string; display_name: string; roles: string[]; groups: string[]; locale: string; disabled: boolean }>>(
      'select id, password_hash, username, display_name, roles, groups, locale, disabled from users where lower(username) = lower(?)', [req.body.username]);
    const u = rows[0];
    dummyHash ??= hash('not-a-password');
    const ok = await verify(u?.password_hash ?? (await dummyHash), req.body.password).catch(() => false);
    if (!u || !ok || u.disabled) throw new UnauthenticatedError('Wrong username or password');
    const s = await createSession(deps, u.id);
    reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'strict', secure: deps.env.COOKIE_SECURE, path: '/', expires: s.expiresAt });
    return { user: { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, groups: u.groups, locale: u.locale }, csrfToken: s.csrfToken };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: withErrors({ 200: Type.Object({ ok: Type.Literal(true) }) }) } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deps.orm.em.fork().getConnection().execute('delete from sessions where id = ?', [hashToken(token)]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: withErrors({ 200: SessionView }) } }, async (req) => {
    return { user: req.user!, csrfToken: req.csrfToken! };
  });
};
