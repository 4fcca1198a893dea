// Inbox list latency under load: 100k tasks in Postgres, 50 concurrent clients on GET /api/tasks for 20 s,
// with a baseline (GET /api/auth/me: same session lookup, no task query) measured in the same run.
// Usage: node bench/inbox-list/inbox-list.bench.ts   (DATABASE_URL to use an existing server; it must be disposable)
// Env: TASKS=100000 CONNECTIONS=50 DURATION=20 BASELINE_DURATION=10. Last line: p99_ms=<x>. Target p99 < 50 ms.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from '@temporalio/client';
import { initOrm, loadEnv, migrate, SecretBox } from '@ledgerflow/db';
import { buildApp, createUser } from '@ledgerflow/api';
import { freePort, startEmbeddedPostgres } from '@ledgerflow/devstack';
import { ConnectorRegistry } from '@ledgerflow/connector-sdk';

const TASKS = Number(process.env.TASKS ?? 100_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 20);
const BASELINE_DURATION = Number(process.env.BASELINE_DURATION ?? 10);
const log = (m: string) => process.stdout.write(`${m}\n`);

async function seed(exec: (sql: string, params?: unknown[]) => Promise<unknown>, userId: string): Promise<void> {
  const flowId = '00000000-0000-4000-8000-000000000001';
  await exec(
    `insert into flows (id, name, draft, created_by) values (?, 'bench', '{}'::jsonb, ?) on conflict do nothing`,
    [flowId, userId],
  );
  await exec(
    `insert into runs (id, workflow_id, flow_id, version, business_key, status)
    select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'run-bench-' || g, ?, 1, 'CN-' || g, 'waiting' from generate_series(1, 1000) g
    on conflict do nothing`,
    [flowId],
  );
  // 100 sales-area groups, ~10% on the approver role, a few direct user assignments; 80% active.
  await exec(
    `insert into tasks (id, run_id, workflow_id, flow_id, node_id, business_key, title, outcomes, assignee_type, assignee_value, claimed_by, status, priority, due_at, amount, currency, customer, data, created_at)
    select gen_random_uuid(), ('00000000-0000-4000-9000-' || lpad((1 + g % 1000)::text, 12, '0'))::uuid, 'run-bench-' || (1 + g % 1000), ?, 'approve',
      'CN-' || lpad(g::text, 7, '0'), 'Approve credit note CN-' || lpad(g::text, 7, '0') || ' for customer C' || (g % 5000),
      '[{"name":"approve"},{"name":"reject"}]'::jsonb,
      case when g % 10 = 0 then 'role' when g % 97 = 0 then 'user' else 'group' end,
      case when g % 10 = 0 then 'approver' when g % 97 = 0 then ? else 'area-' || (g % 100) end,
      null,
      case when g % 5 = 0 then 'completed' else 'open' end,
      (array['low','normal','normal','high','urgent'])[1 + g % 5],
      now() + ((g % 40) - 10) * interval '1 day', round((g % 50000) * 1.37, 2), 'EUR', 'C' || (g % 5000), '{"variables":{}}'::jsonb,
      now() - (g % 10000) * interval '1 minute'
    from generate_series(1, ?) g`,
    [flowId, userId, TASKS],
  );
  await exec('analyze tasks');
}

async function run(url: string, cookie: string, seconds: number, title: string) {
  // The load generator runs in a worker thread: it must not share the server's event loop. The API's own CPU
  // per request (this thread only) is steadier than req/s on a small machine where Postgres, the server and
  // the load generator share the cores.
  const cpu0 = process.threadCpuUsage();
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie },
    title,
    workers: 1,
  });
  const cpu = process.threadCpuUsage(cpu0);
  const apiCpuUs = (cpu.user + cpu.system) / Math.max(1, r.requests.total);
  const non2xx = r.non2xx + r.errors + r.timeouts;
  log(
    `${title.padEnd(10)} req/s=${r.requests.average.toFixed(0)} p50_ms=${r.latency.p50} p90_ms=${r.latency.p90} p99_ms=${r.latency.p99} max_ms=${r.latency.max} api_cpu_us/req=${apiCpuUs.toFixed(0)} requests=${r.requests.total} failures=${non2xx}`,
  );
  if (non2xx > 0) throw new Error(`${title}: ${non2xx} failed requests`);
  return r;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lf-inbox-bench-'));
  let stopPg: (() => Promise<void>) | null = null;
  let url = process.env.DATABASE_URL;
  try {
    if (!url) {
      const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
      stopPg = () => pg.stop();
      url = pg.url;
    }
    // The API's default pool (10), as server.ts runs it; POOL overrides.
    const orm = await initOrm({ url, poolMax: process.env.POOL ? Number(process.env.POOL) : undefined, quiet: true });
    await migrate(orm);
    const exec = (sql: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(sql, params);
    const password = 'bench password 123';
    const username = `bench-${Date.now()}`;
    const userId = await createUser(orm, { username, password, roles: ['approver'], groups: ['area-7', 'area-8'] });
    const t0 = Date.now();
    await seed(exec, userId);
    const [row] = (await exec('select count(*)::int as n from tasks')) as Array<{ n: number }>;
    log(`seeded ${row?.n} tasks in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const env = loadEnv({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
    // The list never calls Temporal: a lazy client that never connects is enough.
    const app = await buildApp(
      {
        env,
        orm,
        temporal: new Client(),
        registry: new ConnectorRegistry(),
        secrets: SecretBox.parse(`bench:${Buffer.alloc(32, 1).toString('base64')}`),
        taskQueue: 'bench',
        temporalUiUrl: null,
      },
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const listUrl = `${base}/api/tasks?view=groups&sort=due&limit=50`;
    const sample = (await (await fetch(listUrl, { headers: { cookie } })).json()) as { items: unknown[] };
    log(`list returns ${sample.items.length} items per page; ${CONNECTIONS} connections`);

    if (process.env.EXPLAIN) {
      const cols = `t.id, t.run_id, t.workflow_id, t.flow_id, t.node_id, t.business_key, t.title, t.outcomes, t.assignee_type, t.assignee_value, t.claimed_by, t.claimed_at, t.status, t.priority, t.due_at, t.amount::text as amount, t.currency, t.customer, t.check_name, t.started_by, t.outcome, t.completed_by, t.completed_at, t.escalated, t.four_eyes, t.created_at, t.updated_at, t.amount as amount_num`;
      const plan =
        (await exec(`explain (analyze, buffers) select * from (select x.* from unnest('{role,role,group,group,group,group}'::text[], '{approver,approver,area-7,area-7,area-8,area-8}'::text[], '{open,claimed,open,claimed,open,claimed}'::text[]) as k(atype, avalue, astatus) cross join lateral (
          select ${cols} from tasks t where t.assignee_type = k.atype and t.assignee_value = k.avalue and t.status = k.astatus order by t.due_at asc nulls last, t.created_at desc, t.id limit 51) x) t order by t.due_at asc nulls last, t.created_at desc, t.id limit 51 offset 0`)) as Array<
          Record<string, string>
        >;
      log(plan.map((r) => Object.values(r)[0]).join('\n'));
    }
    await run(listUrl, cookie, 2, 'warmup');
    const baseline = await run(`${base}/api/auth/me`, cookie, BASELINE_DURATION, 'baseline');
    const list = await run(listUrl, cookie, DURATION, 'list');
    const filtered = await run(
      `${base}/api/tasks?view=groups&amountMin=1000.50&amountMax=40000&sort=amount&order=desc&limit=50`,
      cookie,
      Math.max(5, Math.round(DURATION / 4)),
      'filtered',
    );
    log(
      `list/baseline p99 ratio=${(list.latency.p99 / Math.max(1, baseline.latency.p99)).toFixed(2)}; filtered p99_ms=${filtered.latency.p99}`,
    );
    log(list.latency.p99 < 50 ? 'target p99 < 50 ms: met' : 'target p99 < 50 ms: NOT met');
    await app.close();
    await orm.close(true);
    log(`p99_ms=${list.latency.p99}`);
  } finally {
    await stopPg?.();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`inbox-list bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
