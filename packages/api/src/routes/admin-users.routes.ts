import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { UserAdminService } from '../services/user-admin.service.ts';
import { exportUsers } from '../services/users-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';
import {
  CreateUserSchema,
  ExportUsersSchema,
  GetUserSchema,
  ListUsersSchema,
  ReassignUserTasksSchema,
  ResetPasswordSchema,
  RevokeUserSessionSchema,
  RevokeUserSessionsSchema,
  SetUserStatusSchema,
  UpdateUserSchema,
  UserSessionsSchema,
} from '../schemas/admin-users.schema.ts';

/** Users administered by admins: list, create, edit, disable, reset password, bulk reassign. */
export const adminUserRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const users = new UserAdminService(deps);
  // requireRole lets admins through: no other role is named.
  const admin = { onRequest: app.requireRole() };

  app.get('/api/admin/users', { ...admin, schema: ListUsersSchema }, async (req) => ({
    items: await users.list(req.query),
  }));
  app.get('/api/admin/users/export', { ...admin, schema: ExportUsersSchema }, async (req, reply) => {
    const { format, ...filter } = req.query;
    return sendExport(reply, stampedName('users'), format, await exportUsers(users, filter, format));
  });
  app.post('/api/admin/users', { ...admin, schema: CreateUserSchema }, async (req, reply) =>
    reply.status(201).send(await users.create(req, req.body)),
  );
  app.get('/api/admin/users/:id', { ...admin, schema: GetUserSchema }, async (req) => users.get(req.params.id));
  app.put('/api/admin/users/:id', { ...admin, schema: UpdateUserSchema }, async (req) =>
    users.update(req, req.params.id, req.body),
  );
  app.post('/api/admin/users/:id/disable', { ...admin, schema: SetUserStatusSchema }, async (req) =>
    users.setDisabled(req, req.params.id, true),
  );
  app.post('/api/admin/users/:id/enable', { ...admin, schema: SetUserStatusSchema }, async (req) =>
    users.setDisabled(req, req.params.id, false),
  );
  app.post('/api/admin/users/:id/password', { ...admin, schema: ResetPasswordSchema }, async (req) =>
    users.resetPassword(req, req.params.id, req.body.password),
  );
  app.get('/api/admin/users/:id/sessions', { ...admin, schema: UserSessionsSchema }, async (req) => ({
    items: await users.sessions(req.params.id),
  }));
  app.delete('/api/admin/users/:id/sessions', { ...admin, schema: RevokeUserSessionsSchema }, async (req) => ({
    ended: await users.revokeSessions(req, req.params.id),
  }));
  app.delete('/api/admin/users/:id/sessions/:sessionId', { ...admin, schema: RevokeUserSessionSchema }, async (req) => {
    await users.revokeSessions(req, req.params.id, req.params.sessionId);
    return { ok: true as const };
  });
  app.post('/api/admin/users/:id/reassign-tasks', { ...admin, schema: ReassignUserTasksSchema }, async (req) =>
    users.reassignTasks(req, req.params.id, req.body.assignee, req.body.reason),
  );
};
