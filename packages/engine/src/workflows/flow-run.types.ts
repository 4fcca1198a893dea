import type { EndedRunStatus, FlowDefinition } from '@ledgerflow/flow-model';
import type { Vars } from '../activities/activity-types.ts';
import type { ExternalEvent } from './messages.ts';

export interface FlowRunInput {
  runId: string;
  flowId: string;
  version: number;
  businessKey: string;
  definition: FlowDefinition;
  input: Vars;
  startedBy?: string;
  /** Who created or last changed the source record (a feed's `changedBy`): barred from four-eyes tasks. */
  sourceChangedBy?: string | null;
  isTest?: boolean;
  /** Continue-as-new once history passes this many events (default 8 000; tests lower it). */
  historySoftLimit?: number;
  /**
   * How long platform faults of an action (connector unreachable, Postgres away, worker died) are retried,
   * with exponential backoff, before the run parks in needs_attention. Default: 15 min, 1 s → 30 s.
   */
  platformRetry?: { windowMs?: number; firstDelayMs?: number; maxDelayMs?: number };
  /** Present after continue-as-new. */
  carried?: CarriedState;
}

export interface CarriedState {
  vars: Vars;
  seq: number;
  resumeAt: string;
  inbox: ExternalEvent[];
  exemptions: Record<string, { reason: string; userId: string }>;
  visits: Record<string, number>;
  lastChangedBy?: string | null;
  sourceChangedBy?: string | null;
  seenEventIds?: string[];
}

export interface FlowRunResult {
  status: EndedRunStatus;
  outcome: string;
  variables: Vars;
}
