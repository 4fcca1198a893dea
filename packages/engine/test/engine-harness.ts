// Helpers for engine tests: real Postgres (from the shared global setup), real activities and
// connectors, and either the shared dev server or a time-skipping test server.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { inject } from 'vitest';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowBundle } from '@ledgerflow/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initOrm, insertRun, SecretBox, type MikroORM } from '@ledgerflow/db';
import { loadConnectors } from '@ledgerflow/connector-sdk';
import { findTemporalTestServer, REPO_ROOT } from '@ledgerflow/devstack';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { createActivities, type EngineActivities, type FlowRunInput } from '@ledgerflow/engine';

export const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

try {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
} catch {
  // installed already by another test file in this process
}

/** Saves a run's history as a replay fixture when RECORD_HISTORIES=1 (see replay.test.ts). */
export async function maybeRecord(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  await mkdir(HISTORIES_DIR, { recursive: true });
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
}
export const HISTORIES_DIR = fileURLToPath(new URL('./histories/', import.meta.url));

export async function engineDeps(): Promise<{ orm: MikroORM; activities: EngineActivities; userId: string }> {
  const s = inject('stack');
  const orm = await initOrm({ url: s.DATABASE_URL, poolMax: 5, quiet: true });
  const registry = await loadConnectors(path.join(REPO_ROOT, 'connectors'));
  const activities = createActivities({
    orm,
    registry,
    secrets: SecretBox.parse(s.LEDGERFLOW_SECRET_KEYS),
    logger: quietLogger,
  });
  const userId = randomUUID();
  await orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into users (id, username, display_name, password_hash, roles) values (?, ?, 'engine test', 'x', '{admin}')`,
      [userId, `engine-${userId}`],
    );
  return { orm, activities, userId };
}

/** A published flow (version 1, active), as the API would write it. */
export async function insertFlow(orm: MikroORM, userId: string, definition: FlowDefinition): Promise<string> {
  const flowId = randomUUID();
  const conn = orm.em.fork().getConnection();
  await conn.execute(
    'insert into flows (id, name, draft, active_version, latest_version, created_by) values (?, ?, ?::jsonb, 1, 1, ?)',
    [flowId, definition.name, JSON.stringify(definition), userId],
  );
  await conn.execute(
    `insert into flow_versions (id, flow_id, version, definition, hash, published_by) values (?, ?, 1, ?::jsonb, 'test', ?)`,
    [randomUUID(), flowId, JSON.stringify(definition), userId],
  );
  return flowId;
}

/** Inserts a flow (+ version 1) and a run row, as the API would, then starts the interpreter. */
export async function startFlow(
  orm: MikroORM,
  client: Client,
  taskQueue: string,
  userId: string,
  definition: FlowDefinition,
  input: Record<string, unknown>,
  businessKey = `BK-${randomUUID().slice(0, 8)}`,
) {
  const flowId = await insertFlow(orm, userId, definition);
  const runId = randomUUID();
  const workflowId = `run-${runId}`;
  await insertRun({ orm }, { runId, workflowId, flowId, version: 1, businessKey, input });
  const args: FlowRunInput = { runId, flowId, version: 1, businessKey, definition, input, startedBy: userId };
  const handle = await client.workflow.start('flowRunWorkflow', { taskQueue, workflowId, args: [args] });
  return { runId, workflowId, flowId, handle };
}

export async function runEvents(orm: MikroORM, runId: string) {
  return orm.em
    .fork()
    .getConnection()
    .execute<Array<{ seq: number; type: string; node_id: string | null; data: Record<string, unknown>; at: Date }>>(
      'select seq, type, node_id, data, at from run_events where run_id = ? order by seq',
      [runId],
    );
}

export function flow(
  name: string,
  nodes: FlowDefinition['nodes'],
  edges: Array<[string, string, string?]>,
  variables: FlowDefinition['variables'] = [],
): FlowDefinition {
  return {
    schemaVersion: 1,
    name,
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables,
    nodes,
    edges: edges.map(([source, target, sourceHandle], i) => ({
      id: `e${i}`,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
    })),
  };
}

export interface TimeSkippingRig {
  env: TestWorkflowEnvironment;
  orm: MikroORM;
  userId: string;
  stop(): Promise<void>;
}

/** A time-skipping test server and a worker with the real activities on real Postgres. */
export async function timeSkippingRig(taskQueue: string): Promise<TimeSkippingRig> {
  const { orm, activities, userId } = await engineDeps();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalTestServer() } },
  });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  const running = worker.run();
  return {
    env,
    orm,
    userId,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await orm.close(true);
    },
  };
}
