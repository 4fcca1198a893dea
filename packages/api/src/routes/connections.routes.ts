import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RotateSecretsResult, TestConnectionResult } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { ConnectionService } from '../services/connection.service.ts';
import { IdParams, withErrors } from '../schemas/common.schema.ts';

/** What the API ever shows of a connection: never a secret, only the names of the secrets it holds. */
const ConnectionView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  connectorId: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  secretNames: Type.Array(Type.String()),
  keyId: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
/** The installed connectors are known at start: the document lists them, so a client sees the choice. */
const Body = (connectorIds: string[]) =>
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    connectorId: connectorIds.length
      ? Type.Unsafe<string>({ type: 'string', enum: connectorIds })
      : Type.String({ minLength: 1 }),
    config: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    secrets: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  });
const Patch = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    config: Type.Record(Type.String(), Type.Unknown()),
    secrets: Type.Record(Type.String(), Type.Unknown()),
  }),
);

export const connectionRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const manage = { preHandler: app.requireRole('integrator') };
  const connections = new ConnectionService(deps);

  app.get(
    '/api/connections',
    {
      schema: {
        tags: ['connections'],
        response: withErrors({ 200: Type.Object({ items: Type.Array(ConnectionView) }) }),
      },
    },
    async () => ({ items: await connections.list() }),
  );
  app.post(
    '/api/connections',
    {
      ...manage,
      schema: {
        tags: ['connections'],
        body: Body(deps.registry.list().map((c) => c.id)),
        response: withErrors({ 201: ConnectionView }),
      },
    },
    async (req, reply) => {
      const created = await connections.create(req.body);
      reply.status(201);
      return created;
    },
  );
  app.put(
    '/api/connections/:id',
    {
      ...manage,
      schema: { tags: ['connections'], params: IdParams, body: Patch, response: withErrors({ 200: ConnectionView }) },
    },
    async (req) => connections.update(req.params.id, req.body),
  );
  app.delete(
    '/api/connections/:id',
    {
      ...manage,
      schema: {
        tags: ['connections'],
        params: IdParams,
        response: withErrors({ 200: Type.Object({ ok: Type.Literal(true) }) }),
      },
    },
    async (req) => connections.remove(req.params.id),
  );
  app.post(
    '/api/connections/:id/test',
    {
      ...manage,
      schema: {
        tags: ['connections'],
        params: IdParams,
        response: withErrors({
          200: Type.Object({
            ok: Type.Boolean(),
            message: Type.String(),
            code: Type.Optional(Type.String()),
            durationMs: Type.Number(),
          }),
        }),
      },
    },
    async (req) => {
      await connections.get(req.params.id);
      const handle = await deps.temporal.workflow.start('connectionTestWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: `conn-test-${req.params.id}-${randomUUID()}`,
        args: [{ connectionId: req.params.id }],
      });
      return (await handle.result()) as TestConnectionResult;
    },
  );
  app.post(
    '/api/connections/rotate-keys',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['connections'],
        response: withErrors({
          200: Type.Object({ rotated: Type.Integer(), total: Type.Integer(), keyId: Type.String() }),
        }),
      },
    },
    async () => {
      const handle = await deps.temporal.workflow.start('rotateSecretsWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: `rotate-secrets-${randomUUID()}`,
        args: [],
      });
      return (await handle.result()) as RotateSecretsResult;
    },
  );
};
