import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';

/** A user's own account: change password, list and revoke their sessions. */
export const accountRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (_app, _deps) => {};
