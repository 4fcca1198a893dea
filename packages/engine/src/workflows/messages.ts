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
}

export interface MigrateRequest {
  version: number;
  definition: FlowDefinition;
}

export const stateQuery = defineQuery<RunStateView>('state');
export const eventSignal = defineSignal<[ExternalEvent]>('event');
/** A changed record from a feed: merged into the case's variables. */
export const recordSignal = defineSignal<[{ record: Vars; variable: string; changedBy?: string | null }]>('record');
export const retrySignal = defineSignal<[{ nodeId?: string }]>('retry');
export const completeTaskUpdate = defineUpdate<{ ok: true; outcome: string }, [TaskCompletion]>('completeTask');
export const exemptUpdate = defineUpdate<{ ok: true }, [{ check: string; reason: string; userId: string }]>('exempt');
export const migrateUpdate = defineUpdate<{ ok: true; from: number; to: number }, [MigrateRequest]>('migrate');
