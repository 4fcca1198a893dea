import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pingDatabase } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

const Check = Type.Object({ ok: Type.Boolean(), latencyMs: Type.Number(), error: Type.Optional(Type.String()) });

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
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
            postgres: Check,
            temporal: Check,
          }),
          503: Type.Object({ status: Type.Literal('degraded'), postgres: Check, temporal: Check }),
        },
      },
    },
    async (_req, reply) => {
      const [postgres, temporal] = await Promise.all([
        timed(() => pingDatabase(deps.orm.em.fork())),
        timed(() => deps.temporal.workflowService.getSystemInfo({})),
      ]);
      const ok = postgres.ok && temporal.ok;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', postgres, temporal });
    },
  );
};
