import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';

/** The audit log: filtered list and CSV/XLSX export (admins). */
export const auditRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (_app, _deps) => {};
