import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from './app-deps.ts';
import { errorsPlugin, frameworkErrors } from './plugins/errors.plugin.ts';
import { inputGuardPlugin } from './plugins/input-guard.plugin.ts';
import { methodNotAllowedPlugin } from './plugins/method-not-allowed.plugin.ts';
import { routeCatalogPlugin } from './plugins/route-catalog.plugin.ts';
import { buildValidator } from './schemas/validators.schema.ts';
import { securityHeadersPlugin } from './plugins/security-headers.plugin.ts';
import { authPlugin } from './plugins/auth.plugin.ts';
import { openapiPlugin } from './plugins/openapi.plugin.ts';
import { designerPlugin } from './plugins/designer.plugin.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { flowRoutes } from './routes/flows.routes.ts';
import { runRoutes } from './routes/runs.routes.ts';
import { connectorRoutes } from './routes/connectors.routes.ts';
import { triggerRoutes } from './routes/triggers.routes.ts';
import { feedFileRoutes } from './routes/feed-files.routes.ts';
import { mailInPlugin } from './plugins/mail-in.plugin.ts';
import { hookRoutes } from './routes/hooks.routes.ts';
import { connectionRoutes } from './routes/connections.routes.ts';
import { mailRoutes } from './routes/mail.routes.ts';
import { customerRoutes } from './routes/customers.routes.ts';
import { taskRoutes } from './routes/tasks.routes.ts';
import { adminUserRoutes } from './routes/admin-users.routes.ts';
import { accountRoutes } from './routes/account.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { ssoRoutes } from './routes/sso.routes.ts';
import { directoryRoutes } from './routes/directory.routes.ts';
import { exchangeRateRoutes } from './routes/exchange-rates.routes.ts';
import { ecbRateRoutes } from './routes/ecb-rates.routes.ts';
import { emailTemplateRoutes } from './routes/email-templates.routes.ts';
import { ledgerKpiRoutes } from './routes/ledger-kpis.routes.ts';
import { homeRoutes } from './routes/home.routes.ts';
import { dunningRoutes } from './routes/dunning.routes.ts';
import { ledgerRoutes } from './routes/ledger.routes.ts';
import { liveTasksPlugin } from './plugins/live-tasks.plugin.ts';

/** Builds the API without listening: server.ts listens, tests use app.inject. */
export async function buildApp(
  deps: AppDeps,
  opts: { logger?: FastifyServerOptions['logger']; loggerInstance?: FastifyBaseLogger } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.loggerInstance
      ? { loggerInstance: opts.loggerInstance }
      : {
          logger: opts.logger ?? {
            level: deps.env.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
          },
        }),
    bodyLimit: 25 * 1024 * 1024,
    // Path parameters are bounded by their schemas (a 200-character customer name is ~2,400 bytes encoded); the
    // router's own limit (100) would answer 414 before them, outside the error shape.
    routerOptions: { maxParamLength: 2048 },
    frameworkErrors,
    // Bodies are validated as sent (no coercion); querystring, params and headers are coerced from text.
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(errorsPlugin);
  await app.register(routeCatalogPlugin);
  await app.register(methodNotAllowedPlugin);
  await app.register(inputGuardPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(openapiPlugin);
  await app.register(authPlugin, deps);
  await app.register(healthRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(flowRoutes, deps);
  await app.register(runRoutes, deps);
  await app.register(connectorRoutes, deps);
  await app.register(triggerRoutes, deps);
  await app.register(feedFileRoutes, deps);
  await app.register(mailInPlugin, deps);
  await app.register(hookRoutes, deps);
  await app.register(connectionRoutes, deps);
  await app.register(mailRoutes, deps);
  await app.register(taskRoutes, deps);
  await app.register(customerRoutes, deps);
  await app.register(adminUserRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(ssoRoutes, deps);
  await app.register(directoryRoutes, deps);
  await app.register(exchangeRateRoutes, deps);
  await app.register(ecbRateRoutes, deps);
  await app.register(emailTemplateRoutes, deps);
  await app.register(ledgerKpiRoutes, deps);
  await app.register(dunningRoutes, deps);
  await app.register(ledgerRoutes, deps);
  await app.register(homeRoutes, deps);
  await app.register(liveTasksPlugin, deps);
  await app.register(designerPlugin, { dist: deps.designerDist });
  return app;
}
