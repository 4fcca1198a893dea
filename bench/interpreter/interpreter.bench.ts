// Interpreter vs hand-written workflow: the same 5-node flow (decision, 2 actions, a 1 s wait, end),
// N runs each on the same Temporal dev server, worker and Postgres, in the same run.
// Usage: node bench/interpreter/interpreter.bench.ts [runs=500]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, NativeConnection } from '@temporalio/worker';
import { loadEnv } from '@ledgerflow/db';
import { startStack } from '@ledgerflow/devstack';
import { createActivities, insertRun, type FlowRunInput } from '@ledgerflow/engine';
import type { FlowDefinition } from '@ledgerflow/flow-model';

const N = Number(process.argv[2] ?? 500);
const here = path.dirname(fileURLToPath(import.meta.url));
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

const flow: FlowDefinition = {
  schemaVersion: 1, name: 'bench', variables: [{ name: 'amount', type: 'decimal' }], settings: { timezone: 'Europe/Paris', calendar: 'FR' },
  nodes: [
    { id: 't', kind: 'trigger.manual', config: {} },
    { id: 'd', kind: 'decision', config: { outcomes: [{ name: 'big', when: { all: [{ fact: 'amount', operator: 'amountGt', value: '100' }] } }], defaultOutcome: 'small' } },
    { id: 'a1', kind: 'action', config: { connector: 'builtin', action: 'echo', inputs: { value: "'first'" } } },
    { id: 'w', kind: 'wait', config: { until: { type: 'duration', iso: 'PT1S' } } },
    { id: 'a2', kind: 'action', config: { connector: 'builtin', action: 'echo', inputs: { value: "'second'" } } },
    { id: 'end', kind: 'end', config: { status: 'done' } },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'd' }, { id: 'e2', source: 'd', target: 'a1', sourceHandle: 'big' }, { id: 'e3', source: 'd', target: 'a1', sourceHandle: 'small' },
    { id: 'e4', source: 'a1', target: 'w' }, { id: 'e5', source: 'w', target: 'a2' }, { id: 'e6', source: 'a2', target: 'end' },
  ],
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lf-bench-'));
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'error', LEDGERFLOW_SECRET_KEYS: `b:${Buffer.alloc(32, 1).toString('base64')}` });
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const stack = await startStack({ env, dataDir, persistent: false, withWorker: false, logger: quiet });
  const taskQueue = 'bench';
  const bundle = await bundleWorkflowCode({ workflowsPath: path.join(here, 'workflows.ts'), logger: quiet as never });
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: bundle, activities: createActivities({ orm: stack.orm, registry: stack.registry, secrets: stack.secrets, logger: quiet }), maxConcurrentActivityTaskExecutions: 200, maxConcurrentLocalActivityExecutions: 200, maxConcurrentWorkflowTaskExecutions: 200 });
  const running = worker.run();
  const conn = stack.orm.em.fork().getConnection();
  const userId = randomUUID();
  const flowId = randomUUID();
  await conn.execute(`insert into users (id, username, display_name, password_hash) values (?, 'bench', 'bench', 'x')`, [userId]);
  await conn.execute('insert into flows (id, name, draft, created_by) values (?, ?, ?::jsonb, ?)', [flowId, 'bench', JSON.stringify(flow), userId]);

  async function batch(kind: 'interpreter' | 'handWritten' | 'rulesInWorkflow'): Promise<{ seconds: number; p95: number; p50: number }> {
    const ids = Array.from({ length: N }, () => randomUUID());
    if (kind === 'interpreter') for (const runId of ids) await insertRun({ orm: stack.orm }, { runId, workflowId: `bench-${runId}`, flowId, version: 1, businessKey: runId, input: { amount: '150.00' } });
    const t0 = performance.now();
    const latencies = await Promise.all(ids.map(async (runId) => {
      const s = performance.now();
      const handle = kind === 'interpreter'
        ? await stack.temporal.workflow.start('flowRunWorkflow', { taskQueue, workflowId: `bench-${runId}`, args: [{ runId, flowId, version: 1, businessKey: runId, definition: flow, input: { amount: '150.00' } } satisfies FlowRunInput] })
        : await stack.temporal.workflow.start('handWrittenFlow', { taskQueue, workflowId: `bench-${runId}`, args: [{ runId, amount: '150.00', rulesInWorkflow: kind === 'rulesInWorkflow' }] });
      await handle.result();
      return performance.now() - s;
    }));
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, p95: pct(latencies, 95), p50: pct(latencies, 50) };
  }

  try {
    await batch('handWritten'); // warm-up: JIT, caches, task queues
    const hand = await batch('handWritten');
    const interp = await batch('interpreter');
    const inWf = await batch('rulesInWorkflow');
    const line = (name: string, r: { seconds: number; p95: number; p50: number }) =>
      console.log(`${name.padEnd(34)} ${N} runs in ${r.seconds.toFixed(2)} s = ${(N / r.seconds).toFixed(1)} runs/s, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms`);
    line('hand-written (baseline)', hand);
    line('interpreter (rules in local act.)', interp);
    line('hand-written, rules in workflow', inWf);
    const throughputRatio = (N / interp.seconds) / (N / hand.seconds);
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
