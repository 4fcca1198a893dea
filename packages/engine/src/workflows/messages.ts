// Signals, queries and updates of the interpreter. Shared by the workflow and the API's client code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { Vars } from '../activities/activity-types.ts';

export interface RunStateView {
  status: string;
  currentNodes: string[];
  variables: Vars;
  version: number;
  waitingFor: Array<{ nodeId: string; kind: string; detail?: string }>;
}

export interface ExternalEvent {
  name: string;
  payload?: unknown;
  id?: string;
}

export interface TaskCompletion {
  taskId: string;
  outcome: string;
  data?: Vars;
  userId: string;
  /** Matched against a source system's user name for the four-eyes rule. */
  username?: string;
  userRoles?: string[];
  /** The user's approval limit as the API read it (null: none): an 'approve' outcome must stay within it. */
  approvalLimit?: { amount: string; currency: string } | null;
  /** Echoed in the result: a caller whose request was deduplicated into another one's update sees someone else's id. */
  requestId?: string;
}

/** Who acts on a task, as the API's session knows them. */
export interface TaskActor {
  userId: string;
  username?: string;
  roles?: string[];
}

/** The task's other state changes; the run decides each (see task-rules.ts) and writes the row before answering. */
export type TaskAction =
  | { action: 'claim' | 'unclaim'; taskId: string; actor: TaskActor }
  | {
      action: 'delegate' | 'reassign';
      taskId: string;
      actor: TaskActor;
      to: { type: 'user' | 'role' | 'group'; value: string; username?: string };
      reason: string;
    };

/**
 * Types of the failures the task updates' validators throw (ApplicationFailure.type): callers map the type,
 * never the message. FORM_INVALID carries `{ problems }` as its first detail.
 */
export const TASK_FAILURES = [
  'TASK_NOT_OPEN',
  'TASK_OUTCOME_INVALID',
  'FORM_INVALID',
  'FOUR_EYES',
  'TASK_CLAIMED_BY_OTHER',
  'TASK_ALREADY_CLAIMED',
  'TASK_NOT_CLAIMED',
  'DELEGATE_SELF',
  'EXEMPTION_REASON_REQUIRED',
  'TASK_WRITE_FAILED',
  'APPROVAL_LIMIT_EXCEEDED',
] as const;
export type TaskFailureType = (typeof TASK_FAILURES)[number];

export interface MigrateRequest {
  version: number;
  definition: FlowDefinition;
}

/** Types of a refused migration (the update's ApplicationFailure.type, the dry run's code). */
export type MigrationRefusalCode = 'NOT_PARKED' | 'NODE_MISSING' | 'NODE_CHANGED_KIND' | 'OPEN_TASK_CHANGED';
/** What the target version would change under an open task: before is the run's version, after the target's. */
export interface MigrationChange {
  nodeId: string;
  field: 'outcomes' | 'form';
  before: unknown;
  after: unknown;
}
export type MigrationCheck =
  { ok: true } | { ok: false; code: MigrationRefusalCode; reason: string; changes?: MigrationChange[] };

export const stateQuery = defineQuery<RunStateView>('state');
export const eventSignal = defineSignal<[ExternalEvent]>('event');
/** A changed record from a feed: merged into the case's variables. */
export const recordSignal = defineSignal<[{ record: Vars; variable: string; changedBy?: string | null }]>('record');
export const retrySignal = defineSignal<[{ nodeId?: string }]>('retry');
export const completeTaskUpdate = defineUpdate<{ ok: true; outcome: string; requestId?: string }, [TaskCompletion]>(
  'completeTask',
);
export const taskActionUpdate = defineUpdate<{ ok: true; status: string }, [TaskAction]>('taskAction');
export const exemptUpdate = defineUpdate<{ ok: true }, [{ check: string; reason: string; userId: string }]>('exempt');
export const migrateUpdate = defineUpdate<{ ok: true; from: number; to: number }, [MigrateRequest]>('migrate');
/** The dry run of a migration: what the migrate update would answer, changing nothing. */
export const migrationCheckQuery = defineQuery<MigrationCheck, [{ definition: FlowDefinition }]>('migrationCheck');
