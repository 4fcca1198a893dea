import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';

/** Users administered by admins: list, create, edit, disable, reset password, bulk reassign. */
export const adminUserRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (_app, _deps) => {};
