import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';

/** Who tasks can go to: users, groups and roles, for the designer's assignee picker. */
export const directoryRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (_app, _deps) => {};
