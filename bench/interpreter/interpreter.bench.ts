// Interpreter vs hand-written workflow: the same 5-node flow (decision, 2 actions, a 1 s wait, end),
// N runs each on the same Temporal dev server, worker and Postgres, in the same run.
// Usage: node bench/interpreter/interpreter.bench.ts [runs=500]
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, NativeConnection } from '@temporalio/worker';
import { insertRun, loadEnv } from '@ledgerflow/db';
import { startStack } from '@ledgerflow/devstack';
import { createActivities, type FlowRunInput } from '@ledgerflow/engine';
import type { FlowDefinition } from '@ledgerflow/flow-model';

const N = Number(process.argv[2] ?? 500);
/** Batches alternate hand-written / interpreter / rules-in-workflow, ROUNDS times: drift on a shared machine hits all three alike. */
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const here = path.dirname(fileURLToPath(import.meta.url));
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

const flow: FlowDefinition = {
  schemaVersion: 1,
  name: 'bench',
  variables: [{ name: 'amount', type: 'decimal' }],
  settings: { timezone: 'Europe/Paris', calendar: 'FR' },
  nodes: [
    { id: 't', kind: 'trigger.manual', config: {} },
    {
      id: 'd',
      kind: 'decision',
      config: {
        outcomes: [{ name: 'big', when: { all: [{ fact: 'amount', operator: 'amountGt', value: '100' }] } }],
        defaultOutcome: 'small',
      },
    },
    { id: 'a1', kind: 'action', config: { connector: 'builtin', action: 'echo', inputs: { value: "'first'" } } },
    { id: 'w', kind: 'wait', config: { until: { type: 'duration', iso: 'PT1S' } } },
    { id: 'a2', kind: 'action', config: { connector: 'builtin', action: 'echo', inputs: { value: "'second'" } } },
    { id: 'end', kind: 'end', config: { status: 'done' } },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'd' },
    { id: 'e2', source: 'd', target: 'a1', sourceHandle: 'big' },
    { id: 'e3', source: 'd', target: 'a1', sourceHandle: 'small' },
    { id: 'e4', source: 'a1', target: 'w' },
    { id: 'e5', source: 'w', target: 'a2' },
    { id: 'e6', source: 'a2', target: 'end' },
  ],
};

type Cpu = Record<'worker' | 'temporal' | 'postgres', number>;
interface CpuSnapshot {
  worker: number;
  procs: Map<string, { kind: 'temporal' | 'postgres'; secs: number }>;
}

/** CPU seconds used so far by this process (worker + client) and, per process, by the Temporal server and Postgres. */
async function cpuSnapshot(): Promise<CpuSnapshot> {
  const tick = 100; // USER_HZ on Linux
  const usage = process.cpuUsage();
  const procs: CpuSnapshot['procs'] = new Map();
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const m = /^\d+ \((.*)\) (.*)$/.exec(stat.trim());
    if (!m) continue;
    const kind = m[1]!.startsWith('temporal') ? 'temporal' : m[1] === 'postgres' ? 'postgres' : null;
    if (!kind) continue;
    const f = m[2]!.split(' ');
    procs.set(pid, { kind, secs: (Number(f[11]) + Number(f[12])) / tick });
  }
  return { worker: (usage.user + usage.system) / 1e6, procs };
}

/** Per-process deltas: Postgres starts and ends backends and autovacuum workers between snapshots. */
function cpuSpent(a: CpuSnapshot, b: CpuSnapshot): Cpu {
  const out: Cpu = { worker: b.worker - a.worker, temporal: 0, postgres: 0 };
  for (const [pid, p] of b.procs) out[p.kind] += p.secs - (a.procs.get(pid)?.secs ?? 0);
  return out;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lf-bench-'));
  const env = loadEnv({
    ...process.env,
    LOG_LEVEL: 'error',
    LEDGERFLOW_SECRET_KEYS: `b:${Buffer.alloc(32, 1).toString('base64')}`,
  });
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const stack = await startStack({ env, dataDir, persistent: false, withWorker: false, logger: quiet });
  const taskQueue = 'bench';
  const bundle = await bundleWorkflowCode({ workflowsPath: path.join(here, 'workflows.ts'), logger: quiet as never });
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ orm: stack.orm, registry: stack.registry, secrets: stack.secrets, logger: quiet }),
    maxConcurrentActivityTaskExecutions: 200,
    maxConcurrentLocalActivityExecutions: 200,
    maxConcurrentWorkflowTaskExecutions: 200,
  });
  const running = worker.run();
  const conn = stack.orm.em.fork().getConnection();
  const userId = randomUUID();
  const flowId = randomUUID();
  await conn.execute(
    `insert into users (id, username, display_name, password_hash) values (?, 'bench', 'bench', 'x')`,
    [userId],
  );
  await conn.execute('insert into flows (id, name, draft, created_by) values (?, ?, ?::jsonb, ?)', [
    flowId,
    'bench',
    JSON.stringify(flow),
    userId,
  ]);

  type Figures = { seconds: number; p95: number; p50: number; cpu: Cpu };
  async function batch(kind: 'interpreter' | 'handWritten' | 'rulesInWorkflow', count = N): Promise<Figures> {
    const ids = Array.from({ length: count }, () => randomUUID());
    if (kind === 'interpreter')
      for (const runId of ids)
        await insertRun(
          { orm: stack.orm },
          { runId, workflowId: `bench-${runId}`, flowId, version: 1, businessKey: runId, input: { amount: '150.00' } },
        );
    const cpu0 = await cpuSnapshot();
    const t0 = performance.now();
    const latencies = await Promise.all(
      ids.map(async (runId) => {
        const s = performance.now();
        const handle =
          kind === 'interpreter'
            ? await stack.temporal.workflow.start('flowRunWorkflow', {
                taskQueue,
                workflowId: `bench-${runId}`,
                args: [
                  {
                    runId,
                    flowId,
                    version: 1,
                    businessKey: runId,
                    definition: flow,
                    input: { amount: '150.00' },
                  } satisfies FlowRunInput,
                ],
              })
            : await stack.temporal.workflow.start('handWrittenFlow', {
                taskQueue,
                workflowId: `bench-${runId}`,
                args: [{ runId, amount: '150.00', rulesInWorkflow: kind === 'rulesInWorkflow' }],
              });
        await handle.result();
        return performance.now() - s;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSpent(cpu0, await cpuSnapshot());
    return { seconds, p95: pct(latencies, 95), p50: pct(latencies, 50), cpu };
  }

  try {
    // Warm-up, unmeasured, of every variant alike: JIT of each code path, caches, task queues.
    for (const kind of ['handWritten', 'interpreter', 'rulesInWorkflow'] as const)
      await batch(kind, Math.max(50, Math.round(N / 5)));
    const rounds: Array<Record<'hand' | 'interp' | 'inWf', Figures>> = [];
    for (let i = 0; i < ROUNDS; i++)
      rounds.push({
        hand: await batch('handWritten'),
        interp: await batch('interpreter'),
        inWf: await batch('rulesInWorkflow'),
      });
    const merge = (k: 'hand' | 'interp' | 'inWf'): Figures => {
      const rs = rounds.map((r) => r[k]);
      const sum = (f: (r: Figures) => number) => rs.reduce((a, r) => a + f(r), 0);
      return {
        seconds: sum((r) => r.seconds),
        p95: sum((r) => r.p95) / rs.length,
        p50: sum((r) => r.p50) / rs.length,
        cpu: {
          worker: sum((r) => r.cpu.worker),
          temporal: sum((r) => r.cpu.temporal),
          postgres: sum((r) => r.cpu.postgres),
        },
      };
    };
    for (const [i, r] of rounds.entries())
      console.log(
        `round ${i + 1}: throughput ratio ${(r.hand.seconds / r.interp.seconds).toFixed(3)}, p95 ratio ${(r.interp.p95 / r.hand.p95).toFixed(3)}`,
      );
    const hand = merge('hand');
    const interp = merge('interp');
    const inWf = merge('inWf');
    const total = N * ROUNDS;
    const ms = (s: number) => ((s * 1000) / total).toFixed(2);
    const line = (name: string, r: Figures) =>
      console.log(
        `${name.padEnd(34)} ${total} runs in ${r.seconds.toFixed(2)} s = ${(total / r.seconds).toFixed(1)} runs/s, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms; CPU ms/run worker ${ms(r.cpu.worker)} temporal ${ms(r.cpu.temporal)} postgres ${ms(r.cpu.postgres)}`,
      );
    line('hand-written (baseline)', hand);
    line('interpreter (rules in local act.)', interp);
    line('hand-written, rules in workflow', inWf);
    const throughputRatio = hand.seconds / interp.seconds;
    const p95Ratio = interp.p95 / hand.p95;
    console.log(`throughput_ratio=${throughputRatio.toFixed(3)} (target >= 0.8)`);
    console.log(`p95_latency_ratio=${p95Ratio.toFixed(3)} (target <= 1.25)`);
    console.log(`ratio=${throughputRatio.toFixed(3)}`);
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
