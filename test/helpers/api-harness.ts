// Builds the real API on the shared test Postgres + Temporal (see global-setup.ts) for app.inject tests.
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { initOrm, loadEnv, SecretBox, type MikroORM } from '@ledgerflow/db';
import type { Role } from '@ledgerflow/flow-model';
import { loadConnectors, type ConnectorRegistry } from '@ledgerflow/connector-sdk';
import { buildApp, createUser, type AppDeps } from '@ledgerflow/api';
import { REPO_ROOT } from '@ledgerflow/devstack';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export interface Harness {
  app: FastifyInstance;
  orm: MikroORM;
  temporal: Client;
  registry: ConnectorRegistry;
  secrets: SecretBox;
  close(): Promise<void>;
  /** Creates a user with these roles and returns a logged-in agent. */
  login(
    roles: Role[],
    opts?: { username?: string; groups?: string[]; email?: string; locale?: string },
  ): Promise<Agent>;
}

export interface Agent {
  userId: string;
  username: string;
  csrf: string;
  cookie: string;
  req(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function createHarness(extra: Partial<AppDeps> = {}): Promise<Harness> {
  const s = inject('stack');
  const env = loadEnv({ ...process.env, ...s, LOG_LEVEL: 'silent' });
  const orm = await initOrm({ url: s.DATABASE_URL, poolMax: 5, quiet: true });
  const connection = await Connection.connect({ address: s.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const registry = await loadConnectors(path.join(REPO_ROOT, 'connectors'));
  const secrets = SecretBox.parse(s.LEDGERFLOW_SECRET_KEYS);
  const app = await buildApp(
    {
      env,
      orm,
      temporal,
      registry,
      secrets,
      taskQueue: s.TEMPORAL_TASK_QUEUE,
      temporalUiUrl: 'http://127.0.0.1:8233',
      ...extra,
    },
    { logger: false },
  );
  await app.ready();
  return {
    app,
    orm,
    temporal,
    registry,
    secrets,
    async close() {
      await app.close();
      await connection.close();
      await orm.close(true);
    },
    async login(roles, opts = {}) {
      const username = opts.username ?? `u-${roles.join('-')}-${randomUUID().slice(0, 8)}`;
      const password = 'correct horse battery staple';
      const userId = await createUser(orm, {
        username,
        password,
        roles,
        groups: opts.groups,
        email: opts.email,
        locale: opts.locale,
      });
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const csrf = (res.json() as { csrfToken: string }).csrfToken;
      const req = (o: InjectOptions) =>
        app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
      return {
        userId,
        username,
        csrf,
        cookie,
        req,
        get: (url) => req({ method: 'GET', url }),
        post: (url, payload) => req({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
        put: (url, payload) => req({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
      };
    },
  };
}

/** Polls until `fn` returns a truthy value (runs progress asynchronously on the worker). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  everyMs = 100,
  describe?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const state = describe ? JSON.stringify(await describe().catch((e: unknown) => String(e))).slice(0, 3000) : '';
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''} ${state}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
