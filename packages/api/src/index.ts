export { buildApp } from './app.ts';
export type { AppDeps } from './app-deps.ts';
export { FlowService } from './services/flow.service.ts';
export { RunService } from './services/run.service.ts';
export { createUser, ensureAdmin } from './services/user.service.ts';
export { loadSecretBox } from './services/secrets.service.ts';
export { SESSION_COOKIE, CSRF_HEADER } from './plugins/auth.plugin.ts';
export { reconcileTasks } from './services/task-reconciler.service.ts';
