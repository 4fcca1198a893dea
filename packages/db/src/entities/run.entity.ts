import { EntitySchema } from '@mikro-orm/core';

export const RUN_STATUSES = ['running', 'waiting', 'needs_attention', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A projection of one Temporal execution; Temporal stays the source of truth. */
export interface Run {
  id: string;
  workflowId: string;
  flowId: string;
  version: number;
  businessKey: string;
  status: RunStatus;
  outcome?: string | null;
  currentNodes: string[];
  variables: Record<string, unknown>;
  input: Record<string, unknown>;
  isTest: boolean;
  parentRunId?: string | null;
  error?: Record<string, unknown> | null;
  startedAt: Date;
  endedAt?: Date | null;
  updatedAt: Date;
}

export const RunSchema = new EntitySchema<Run>({
  name: 'Run',
  tableName: 'runs',
  properties: {
    id: { type: 'uuid', primary: true },
    workflowId: { type: 'text', unique: true },
    flowId: { type: 'uuid' },
    version: { type: 'integer' },
    businessKey: { type: 'text' },
    status: { type: 'text' },
    outcome: { type: 'text', nullable: true },
    currentNodes: { type: 'text[]' },
    variables: { type: 'json' },
    input: { type: 'json' },
    isTest: { type: 'boolean', default: false },
    parentRunId: { type: 'uuid', nullable: true },
    error: { type: 'json', nullable: true },
    startedAt: { type: 'datetime', columnType: 'timestamptz' },
    endedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const RUN_EVENT_TYPES = ['run.started', 'node.entered', 'node.exited', 'decision', 'action.result', 'error', 'task.created', 'task.completed', 'wait.scheduled', 'event.received', 'variables.set', 'run.migrated', 'run.completed', 'run.failed', 'run.cancelled', 'needs_attention', 'exemption'] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** Append-only. (runId, seq) is unique so a retried or replayed write never duplicates an event. */
export interface RunEvent {
  id: string;
  runId: string;
  seq: number;
  type: RunEventType;
  nodeId?: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export const RunEventSchema = new EntitySchema<RunEvent>({
  name: 'RunEvent',
  tableName: 'run_events',
  uniques: [{ properties: ['runId', 'seq'] }],
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    runId: { type: 'uuid' },
    seq: { type: 'integer' },
    type: { type: 'text' },
    nodeId: { type: 'text', nullable: true },
    data: { type: 'json' },
    at: { type: 'datetime', columnType: 'timestamptz' },
  },
});
