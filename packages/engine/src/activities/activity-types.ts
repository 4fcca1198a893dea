// The contract between the interpreter workflow and its activities. Workflow code imports only
// these types, never the implementations (which do I/O).
import type {
  ActionInput,
  CalendarRule,
  DecisionOutcome,
  FlowDefinition,
  FlowSettings,
  RunStatus,
  TaskAssignee,
  WaitSpec,
} from '@ledgerflow/flow-model';
import type { TaskChange } from '@ledgerflow/db';
import type { DunningActivities } from './dunning-activity-types.ts';
import type { LedgerFeedActivities } from './ledger-feed-activity-types.ts';
export type { SyncLedgerFeedInput, SyncLedgerFeedResult } from './ledger-feed-activity-types.ts';

export type Vars = Record<string, unknown>;

export interface RunEventInput {
  seq: number;
  type: string;
  nodeId?: string;
  data?: Record<string, unknown>;
  at: string;
}

export interface RunProjection {
  status: RunStatus;
  currentNodes: string[];
  variables?: Vars;
  outcome?: string;
  error?: Record<string, unknown>;
  ended?: boolean;
}

export interface RecordEventsInput {
  runId: string;
  events: RunEventInput[];
  projection?: RunProjection;
}

/** Every evaluation may carry the workflow's buffered events, written before it runs. */
export type EvaluateRequest = { flush?: RecordEventsInput } & (
  | {
      type: 'decision';
      nodeId: string;
      outcomes: DecisionOutcome[];
      defaultOutcome: string;
      vars: Vars;
      settings: FlowSettings;
    }
  | {
      type: 'decisionTable';
      nodeId: string;
      config: Record<string, unknown>;
      vars: Vars;
      settings: FlowSettings;
      /** `flow@version#node` of a published version, whose table never changes; absent for test runs of drafts. */
      tableKey?: string;
    }
  | {
      type: 'assign';
      nodeId: string;
      assignments: Array<{ variable: string; expression: string }>;
      vars: Vars;
      timezone?: string;
      calendar?: string;
    }
  | { type: 'expression'; nodeId: string; expression: string; vars: Vars; timezone?: string; calendar?: string }
  | { type: 'waitUntil'; nodeId: string; spec: WaitSpec; fromIso: string; vars: Vars; settings: FlowSettings }
  | { type: 'isWorkingDay'; nodeId: string; atIso: string; settings: FlowSettings }
);

export type EvaluateResult =
  | { type: 'decision'; outcome: string; outcomes?: string[]; trace: unknown }
  | { type: 'assign'; values: Vars }
  | { type: 'expression'; value: unknown }
  | { type: 'waitUntil'; untilIso: string }
  | { type: 'isWorkingDay'; working: boolean };

export interface RunActionInput {
  runId: string;
  nodeId: string;
  connector: string;
  action: string;
  connectionId?: string;
  /** A formula (jsonata) or a fixed `{ value }` per input field. */
  inputs: Record<string, ActionInput>;
  vars: Vars;
  /** Stable across activity retries and workflow replays: the node visit. */
  idempotencyKey: string;
  /** The workflow's buffered events, written before the action runs. */
  flush?: RecordEventsInput;
  /** The flow's timezone and holiday calendar, for `$today()` and `$addWorkingDays()` in input expressions. */
  timezone?: string;
  calendar?: string;
}

export interface RunActionOutput {
  output: unknown;
  input: unknown;
  durationMs: number;
  /** The action resent a message an earlier attempt may have delivered (same key, same identity). */
  deliveryUncertain?: boolean;
}

export interface ResolveFlowInput {
  flowId: string;
  version?: number;
}

export interface ResolvedFlow {
  flowId: string;
  version: number;
  definition: FlowDefinition;
}

export interface RegisterRunInput {
  runId: string;
  workflowId: string;
  flowId: string;
  version: number;
  businessKey: string;
  input: Vars;
  parentRunId?: string;
  isTest?: boolean;
}

export interface CreateTaskInput {
  taskId: string;
  runId: string;
  workflowId: string;
  flowId: string;
  nodeId: string;
  businessKey: string;
  config: Record<string, unknown>;
  vars: Vars;
  settings: FlowSettings;
  startedBy?: string;
  nowIso: string;
}

export interface CreateTaskOutput {
  taskId: string;
  dueAtIso: string | null;
  remindAtIso: string | null;
  escalateAtIso: string | null;
  /** From expireAfter; absent in histories recorded before it existed. */
  expireAtIso?: string | null;
  assignee: { type: string; value: string };
  /** The task's amount (canonical decimal) and currency, when the case has them: approval limits apply to them. */
  amount?: string | null;
  currency?: string | null;
}

export interface TaskTransitionInput {
  taskId: string;
  kind: 'reminded' | 'escalated' | 'expired' | 'cancelled' | 'exempted';
  escalateTo?: TaskAssignee;
  /** For an escalation to a manager or an approver: what resolving them needs to know about the case. */
  case?: {
    nodeId: string;
    vars: Vars;
    startedBy?: string;
    amount: string | null;
    currency: string | null;
  };
  /** For 'exempted': the outcome taken, who exempted the case and why. */
  exemption?: { check: string; reason: string; userId: string; outcome: string };
  /** The run's revision of the task after this change (absent in runs started before revisions). */
  rev?: number;
}

/** A change the run made to one of its tasks, written with its history entry (and notice) by projectTask. */
export interface TaskProjectionInput {
  taskId: string;
  rev: number;
  change: TaskChange;
  history?: { kind: string; userId: string | null; reason: string | null; data?: Record<string, unknown> };
  /** A notice kind for the task's (new) assignees: delegated, reassigned. */
  notify?: string;
}

export interface SyncFeedInput {
  flowId: string;
  /** A file extraction: the received file (feed_files) the flow's file feed reads. */
  fileId?: string;
}

export interface SyncFeedResult {
  polled: number;
  started: number;
  updated: number;
  unchanged: number;
  ignored: number;
  reopened: number;
  failed: Array<{ key: string; error: string }>;
  cursor: string | null;
  /** Open cases a full extract left out, marked gone (and sent `record.gone`). */
  gone?: number;
}

export interface TestConnectionInput {
  connectionId: string;
}
export interface TestConnectionResult {
  ok: boolean;
  message: string;
  code?: string;
  durationMs: number;
}
export interface RotateSecretsResult {
  rotated: number;
  total: number;
  keyId: string;
}

export interface EngineActivities extends DunningActivities, LedgerFeedActivities {
  testConnectionProbe(input: TestConnectionInput): Promise<TestConnectionResult>;
  rotateSecrets(): Promise<RotateSecretsResult>;
  /** Polls a record feed and dispatches every record to its case (feed-sync workflow). */
  syncFeed(input: SyncFeedInput): Promise<SyncFeedResult>;
  recordEvents(input: RecordEventsInput): Promise<void>;
  evaluate(req: EvaluateRequest): Promise<EvaluateResult>;
  runAction(input: RunActionInput): Promise<RunActionOutput>;
  resolveFlow(input: ResolveFlowInput): Promise<ResolvedFlow>;
  registerRun(input: RegisterRunInput): Promise<void>;
  createTask(input: CreateTaskInput): Promise<CreateTaskOutput>;
  /** An escalation to a manager or approver answers with the user it went to. */
  transitionTask(input: TaskTransitionInput): Promise<{ escalatedTo?: { type: string; value: string } } | void>;
  projectTask(input: TaskProjectionInput): Promise<void>;
}

export type { CalendarRule };
