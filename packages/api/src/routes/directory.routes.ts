import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FLOW_ASSIGNEE_TYPES, ROLES } from '@ledgerflow/flow-model';
import { createDirectoryStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { DirectorySchema } from '../schemas/directory.schema.ts';

/**
 * Who tasks can go to: users, groups and roles, for the designer's assignee picker. Those who draw flows and those
 * who move tasks between people (process owners, managers; admins always) read it: it lists every colleague's
 * roles, which approvers and collectors have no need to browse.
 */
export const directoryRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const read = { onRequest: app.requireRole('process_owner', 'manager') };
  app.get('/api/directory', { ...read, schema: DirectorySchema }, async () => {
    const directory = createDirectoryStore(deps.orm.em.fork());
    const [users, groups] = await Promise.all([directory.users(), directory.groups()]);
    return { users, groups, roles: [...ROLES], assigneeTypes: [...FLOW_ASSIGNEE_TYPES] };
  });
};
