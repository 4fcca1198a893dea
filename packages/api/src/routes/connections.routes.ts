import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RotateSecretsResult, TestConnectionResult } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { ConnectionService } from '../services/connection.service.ts';
import { recordAudit } from '../services/audit.service.ts';
import { exportConnections } from '../services/connections-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';
import {
  CreateConnectionSchema,
  DeleteConnectionSchema,
  ExportConnectionsSchema,
  ListConnectionsSchema,
  RotateKeysSchema,
  TestConnectionSchema,
  UpdateConnectionSchema,
} from '../schemas/connections.schema.ts';

const target = (id: string) => ({ targetType: 'connection', targetId: id });

export const connectionRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const manage = { onRequest: app.requireRole('integrator') };
  const connections = new ConnectionService(deps);

  app.get('/api/connections', { schema: ListConnectionsSchema }, async (req) => ({
    items: await connections.list(req.query.q),
  }));
  // Whoever may list the connections may export the list: names and settings' names, never a secret.
  app.get('/api/connections/export', { schema: ExportConnectionsSchema }, async (req, reply) => {
    const { format, q } = req.query;
    return sendExport(reply, stampedName('connections'), format, await exportConnections(connections, q, format));
  });
  app.post(
    '/api/connections',
    { ...manage, schema: CreateConnectionSchema(deps.registry.list().map((c) => c.id)) },
    async (req, reply) => {
      const created = await connections.create(req.body);
      // The view has the secrets' names only, never their values.
      await recordAudit(deps, req, { action: 'connection.created', ...target(created.id), after: created });
      reply.status(201);
      return created;
    },
  );
  app.put('/api/connections/:id', { ...manage, schema: UpdateConnectionSchema }, async (req) => {
    const before = await connections.get(req.params.id);
    const after = await connections.update(req.params.id, req.body);
    const details = { secretsChanged: Object.keys(req.body.secrets ?? {}) };
    await recordAudit(deps, req, { action: 'connection.changed', ...target(after.id), before, after, details });
    return after;
  });
  app.delete('/api/connections/:id', { ...manage, schema: DeleteConnectionSchema }, async (req) => {
    const before = await connections.get(req.params.id);
    const done = await connections.remove(req.params.id);
    await recordAudit(deps, req, { action: 'connection.deleted', ...target(before.id), before });
    return done;
  });
  app.post('/api/connections/:id/test', { ...manage, schema: TestConnectionSchema }, async (req) => {
    await connections.get(req.params.id);
    const handle = await deps.temporal.workflow.start('connectionTestWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: `conn-test-${req.params.id}-${randomUUID()}`,
      args: [{ connectionId: req.params.id }],
    });
    const result = (await handle.result()) as TestConnectionResult;
    await recordAudit(deps, req, { action: 'connection.tested', ...target(req.params.id), details: { result } });
    return result;
  });
  app.post(
    '/api/connections/rotate-keys',
    { onRequest: app.requireRole('admin'), schema: RotateKeysSchema },
    async (req) => {
      const handle = await deps.temporal.workflow.start('rotateSecretsWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: `rotate-secrets-${randomUUID()}`,
        args: [],
      });
      const result = (await handle.result()) as RotateSecretsResult;
      await recordAudit(deps, req, { action: 'keys.rotated', details: { result } });
      return result;
    },
  );
};
