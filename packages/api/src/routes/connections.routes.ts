import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RotateSecretsResult, TestConnectionResult } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { ConnectionService } from '../services/connection.service.ts';
import {
  CreateConnectionSchema,
  DeleteConnectionSchema,
  ListConnectionsSchema,
  RotateKeysSchema,
  TestConnectionSchema,
  UpdateConnectionSchema,
} from '../schemas/connections.schema.ts';

export const connectionRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const manage = { onRequest: app.requireRole('integrator') };
  const connections = new ConnectionService(deps);

  app.get('/api/connections', { schema: ListConnectionsSchema }, async () => ({ items: await connections.list() }));
  app.post(
    '/api/connections',
    { ...manage, schema: CreateConnectionSchema(deps.registry.list().map((c) => c.id)) },
    async (req, reply) => {
      const created = await connections.create(req.body);
      reply.status(201);
      return created;
    },
  );
  app.put('/api/connections/:id', { ...manage, schema: UpdateConnectionSchema }, async (req) =>
    connections.update(req.params.id, req.body),
  );
  app.delete('/api/connections/:id', { ...manage, schema: DeleteConnectionSchema }, async (req) =>
    connections.remove(req.params.id),
  );
  app.post('/api/connections/:id/test', { ...manage, schema: TestConnectionSchema }, async (req) => {
    await connections.get(req.params.id);
    const handle = await deps.temporal.workflow.start('connectionTestWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: `conn-test-${req.params.id}-${randomUUID()}`,
      args: [{ connectionId: req.params.id }],
    });
    return (await handle.result()) as TestConnectionResult;
  });
  app.post(
    '/api/connections/rotate-keys',
    { onRequest: app.requireRole('admin'), schema: RotateKeysSchema },
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
