import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pingDatabase } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { HealthSchema } from '../schemas/health.schema.ts';

async function timed(fn: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const t = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 3 s')), 3000))]);
    return { ok: true, latencyMs: Math.round(performance.now() - t) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - t), error: (err as Error).message.split('\n')[0] };
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  app.get('/api/health', { config: { public: true }, schema: HealthSchema }, async (_req, reply) => {
    const [postgres, temporal] = await Promise.all([
      timed(() => pingDatabase(deps.orm.em.fork())),
      timed(() => deps.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = postgres.ok && temporal.ok;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', postgres, temporal });
  });
};
