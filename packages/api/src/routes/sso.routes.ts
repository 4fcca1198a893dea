import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';

/** Single sign-on: OpenID Connect login and callback, and its admin settings. */
export const ssoRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (_app, _deps) => {};
