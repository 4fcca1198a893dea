// Live inbox: GET /api/tasks/stream pushes task changes as Server-Sent Events. Every insert/update of a
// task row is announced by a trigger on the lf_tasks channel (whichever process made it); one LISTEN
// connection per API process fans it out to the connected users the task concerns.
import pg from 'pg';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from './auth.plugin.ts';
import { TaskStreamSchema } from '../schemas/live-tasks.schema.ts';
import { isAssignedTo, isSupervisor } from '../services/task-model.ts';

export interface TaskChange {
  id: string;
  op: 'insert' | 'update';
  status: string;
  assigneeType: 'user' | 'role' | 'group';
  assigneeValue: string;
  claimedBy: string | null;
  runId: string;
  oldAssigneeType: 'user' | 'role' | 'group' | null;
  oldAssigneeValue: string | null;
  oldClaimedBy: string | null;
}

/** Whether this change concerns the user now or concerned them before (so a task moving away is removed too). */
export function concerns(c: TaskChange, u: SessionUser): boolean {
  if (isSupervisor(u)) return true;
  if (isAssignedTo({ assignee_type: c.assigneeType, assignee_value: c.assigneeValue, claimed_by: c.claimedBy }, u))
    return true;
  return (
    !!c.oldAssigneeType &&
    isAssignedTo(
      { assignee_type: c.oldAssigneeType, assignee_value: c.oldAssigneeValue ?? '', claimed_by: c.oldClaimedBy },
      u,
    )
  );
}

type Client = { user: SessionUser; res: ServerResponse };

export const liveTasksPlugin: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const clients = new Set<Client>();
  let listener: pg.Client | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;

  const broadcast = (payload: string) => {
    let c: TaskChange;
    try {
      c = JSON.parse(payload) as TaskChange;
    } catch {
      return;
    }
    const line = `event: task\ndata: ${JSON.stringify({ id: c.id, op: c.op, status: c.status, runId: c.runId })}\n\n`;
    for (const cl of clients) if (concerns(c, cl.user)) cl.res.write(line);
  };

  const listen = async () => {
    const url = deps.env.DATABASE_URL ?? (deps.orm.config.get('clientUrl') as string | undefined);
    if (!url) throw new Error('no database url for LISTEN');
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => n.channel === 'lf_tasks' && n.payload && broadcast(n.payload));
    client.on('error', (err) => {
      app.log.warn({ err }, 'live tasks: LISTEN connection lost; reconnecting on next subscriber');
      listener = null;
      starting = null;
      void client.end().catch(() => undefined);
      for (const cl of clients) cl.res.write('event: resync\ndata: {}\n\n');
    });
    await client.connect();
    await client.query('LISTEN lf_tasks');
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
  };
  const ensureListening = async () => {
    if (listener) return;
    starting ??= listen().catch((err: unknown) => {
      starting = null;
      throw err;
    });
    await starting;
  };

  const heartbeat = setInterval(() => {
    for (const cl of clients) cl.res.write(': ping\n\n');
  }, 20_000);
  heartbeat.unref();

  app.addHook('onClose', async () => {
    closed = true;
    clearInterval(heartbeat);
    for (const cl of clients) cl.res.end();
    clients.clear();
    await listener?.end().catch(() => undefined);
  });

  app.get('/api/tasks/stream', { schema: TaskStreamSchema }, async (req, reply) => {
    await ensureListening();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\nevent: ready\ndata: {}\n\n');
    const client: Client = { user: req.user!, res };
    clients.add(client);
    req.raw.on('close', () => clients.delete(client));
  });
};
