import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConflictError, NotFoundError, ValidationError, type Problem } from '@ledgerflow/flow-model';
import type { RotateSecretsResult, TestConnectionResult } from '@ledgerflow/engine';
import { pgTextArray } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { IdParams, withErrors } from '../schemas/common.schema.ts';

/** What the API ever shows of a connection: never a secret, only the names of the secrets it holds. */
const ConnectionView = Type.Object({
  id: Type.String(), name: Type.String(), connectorId: Type.String(), config: Type.Record(Type.String(), Type.Unknown()),
  secretNames: Type.Array(Type.String()), keyId: Type.String(), createdAt: Type.String(), updatedAt: Type.String(),
});
/** The installed connectors are known at start: the document lists them, so a client sees the choice. */
const Body = (connectorIds: string[]) => Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  connectorId: connectorIds.length ? Type.Unsafe<string>({ type: 'string', enum: connectorIds }) : Type.String({ minLength: 1 }),
  config: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  secrets: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
});
const Patch = Type.Partial(Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), config: Type.Record(Type.String(), Type.Unknown()), secrets: Type.Record(Type.String(), Type.Unknown()) }));

/** The 409 for a unique violation on the connection's name; any other error as it was. */
function nameTaken(err: unknown, name: string): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'connections_name_key') return new ConflictError('CONNECTION_NAME_TAKEN', `A connection named '${name}' exists already`, { path: '/name', name });
  return err;
}

type Row = { id: string; name: string; connector_id: string; config: Record<string, unknown>; secret_names: string[] | null; key_id: string; created_at: Date; updated_at: Date };
const view = (r: Row) => ({ id: r.id, name: r.name, connectorId: r.connector_id, config: r.config, secretNames: r.secret_names ?? [], keyId: r.key_id, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() });

export const connectionRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const manage = { preHandler: app.requireRole('integrator') };
  const conn = () => deps.orm.em.fork().getConnection();
  const select = `select id, name, connector_id, config, secret_names, key_id, created_at, updated_at from connections`;

  function check(connectorId: string, config: unknown, secrets: unknown): void {
    const connector = deps.registry.get(connectorId);
    if (!connector) throw new ValidationError(`Unknown connector '${connectorId}'`, [{ path: '/connectorId', code: 'UNKNOWN_CONNECTOR', message: `known: ${deps.registry.list().map((c) => c.id).join(', ')}` }]);
    if (!connector.connection) return;
    const problems: Problem[] = [
      ...[...Value.Errors(connector.connection.config, config)].map((e) => ({ path: `/config${e.path}`, code: 'SCHEMA', message: e.message })),
      ...[...Value.Errors(connector.connection.secrets, secrets)].map((e) => ({ path: `/secrets${e.path}`, code: 'SCHEMA', message: e.message })),
    ];
    if (problems.length) throw new ValidationError(`The ${connectorId} connection is not valid`, problems, 'CONNECTION_INVALID');
  }
  async function row(id: string): Promise<Row & { secrets_enc: string }> {
    const [r] = await conn().execute<Array<Row & { secrets_enc: string }>>(`${select.replace('from', ', secrets_enc from')} where id = ?`, [id]);
    if (!r) throw new NotFoundError('connection', id);
    return r;
  }

  app.get('/api/connections', { schema: { tags: ['connections'], response: withErrors({ 200: Type.Object({ items: Type.Array(ConnectionView) }) }) } }, async () => ({ items: (await conn().execute<Row[]>(`${select} order by name`)).map(view) }));
  app.post('/api/connections', { ...manage, schema: { tags: ['connections'], body: Body(deps.registry.list().map((c) => c.id)), response: withErrors({ 201: ConnectionView }) } }, async (req, reply) => {
    check(req.body.connectorId, req.body.config, req.body.secrets);
    const enc = deps.secrets.encrypt(req.body.secrets);
    const id = randomUUID();
    try {
      await conn().execute('insert into connections (id, name, connector_id, config, secrets_enc, key_id, secret_names) values (?, ?, ?, ?::jsonb, ?, ?, ?::text[])',
        [id, req.body.name, req.body.connectorId, JSON.stringify(req.body.config), enc.ciphertext, enc.keyId, pgTextArray(Object.keys(req.body.secrets))]);
    } catch (err) {
      throw nameTaken(err, req.body.name);
    }
    reply.status(201);
    return view(await row(id));
  });
  app.put('/api/connections/:id', { ...manage, schema: { tags: ['connections'], params: IdParams, body: Patch, response: withErrors({ 200: ConnectionView }) } }, async (req) => {
    const current = await row(req.params.id);
    // Secrets are write-only: omitted ones keep their stored value, so the client never needs to read them.
    const secrets = { ...deps.secrets.decrypt<Record<string, unknown>>(current.secrets_enc), ...(req.body.secrets ?? {}) };
    const config = req.body.config ?? current.config;
    check(current.connector_id, config, secrets);
    const enc = deps.secrets.encrypt(secrets);
    const name = req.body.name ?? current.name;
    try {
      await conn().execute('update connections set name = ?, config = ?::jsonb, secrets_enc = ?, key_id = ?, secret_names = ?::text[], updated_at = now() where id = ?',
        [name, JSON.stringify(config), enc.ciphertext, enc.keyId, pgTextArray(Object.keys(secrets)), req.params.id]);
    } catch (err) {
      throw nameTaken(err, name);
    }
    return view(await row(req.params.id));
  });
  app.delete('/api/connections/:id', { ...manage, schema: { tags: ['connections'], params: IdParams, response: withErrors({ 200: Type.Object({ ok: Type.Literal(true) }) }) } }, async (req) => {
    await row(req.params.id);
    await conn().execute('delete from connections where id = ?', [req.params.id]);
    return { ok: true as const };
  });
  app.post('/api/connections/:id/test', {
    ...manage,
    schema: { tags: ['connections'], params: IdParams, response: withErrors({ 200: Type.Object({ ok: Type.Boolean(), message: Type.String(), code: Type.Optional(Type.String()), durationMs: Type.Number() }) }) },
  }, async (req) => {
    await row(req.params.id);
    const handle = await deps.temporal.workflow.start('connectionTestWorkflow', { taskQueue: deps.taskQueue, workflowId: `conn-test-${req.params.id}-${randomUUID()}`, args: [{ connectionId: req.params.id }] });
    return (await handle.result()) as TestConnectionResult;
  });
  app.post('/api/connections/rotate-keys', {
    preHandler: app.requireRole('admin'),
    schema: { tags: ['connections'], response: withErrors({ 200: Type.Object({ rotated: Type.Integer(), total: Type.Integer(), keyId: Type.String() }) }) },
  }, async () => {
    const handle = await deps.temporal.workflow.start('rotateSecretsWorkflow', { taskQueue: deps.taskQueue, workflowId: `rotate-secrets-${randomUUID()}`, args: [] });
    return (await handle.result()) as RotateSecretsResult;
  });
};
