import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { SESSION_COOKIE } from '../plugins/auth.plugin.ts';
import { changeOwnPassword, listOwnSessions, revokeOwnSession, startSessionPurge } from '../services/auth.service.ts';
import { ChangePasswordSchema, ListOwnSessionsSchema, RevokeOwnSessionSchema } from '../schemas/account.schema.ts';

/** A user's own account: change password, list and revoke their sessions. */
export const accountRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const stopPurge = startSessionPurge(deps, app.log);
  app.addHook('onClose', async () => stopPurge());

  app.post('/api/account/password', { schema: ChangePasswordSchema }, async (req) => {
    await changeOwnPassword(deps, req, req.cookies[SESSION_COOKIE], req.body);
    return { ok: true as const };
  });
  app.get('/api/auth/sessions', { schema: ListOwnSessionsSchema }, async (req) => ({
    items: await listOwnSessions(deps, req.user!, req.cookies[SESSION_COOKIE]),
  }));
  app.delete('/api/auth/sessions/:id', { schema: RevokeOwnSessionSchema }, async (req) => {
    await revokeOwnSession(deps, req, req.params.id);
    return { ok: true as const };
  });
};
