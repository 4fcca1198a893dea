import { WAITING_KINDS } from '../vocabulary/vocabulary.ts';
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { ActionInput, Expression, Identifier, NodeId, Position, RetryPolicy, Template } from './common.schema.ts';
import { WaitSpec } from './calendar.schema.ts';
import { Condition, DecisionOutcome, DecisionTableColumn, DecisionTableRow, HitPolicy } from './rules.schema.ts';
import { DunningClassifyNode, DunningPauseNode, DunningSendNode } from './dunning-nodes.schema.ts';
import { LedgerFeedTriggerNode } from './ledger-feed.schema.ts';

function node<K extends string, C extends TProperties>(kind: K, config: TObject<C>) {
  return Type.Object({
    id: NodeId,
    kind: Type.Literal(kind),
    label: Type.Optional(Type.String({ maxLength: 200 })),
    position: Type.Optional(Position),
    config,
  });
}

const Cron = Type.String({ minLength: 1, description: 'cron expression, e.g. "0 7,13 * * 1-5"' });
const Timezone = Type.String({ minLength: 1, description: 'IANA timezone, e.g. Europe/Paris' });

/**
 * What a firing does while runs of earlier firings still run (e.g. wait on an approval). Each firing of a flow
 * that starts cases is an independent case, so the default is allowAll; skip drops the firing (counted and shown
 * in the trigger status); bufferOne starts at most one held-back firing once the running ones end.
 */
export const SCHEDULE_OVERLAPS = ['allowAll', 'skip', 'bufferOne'] as const;
export type ScheduleOverlapPolicy = (typeof SCHEDULE_OVERLAPS)[number];
const ScheduleOverlap = Type.Union(
  SCHEDULE_OVERLAPS.map((o) => Type.Literal(o)),
  { default: 'allowAll', description: 'firings while earlier runs still run: allowAll (default), skip, bufferOne' },
);

// ---- triggers
export const ManualTriggerNode = node('trigger.manual', Type.Object({}));
export const ScheduleTriggerNode = node(
  'trigger.schedule',
  Type.Object({
    cron: Cron,
    timezone: Type.Optional(Timezone),
    workingDaysOnly: Type.Optional(Type.Boolean()),
    overlap: Type.Optional(ScheduleOverlap),
  }),
);
export const WebhookTriggerNode = node('trigger.webhook', Type.Object({ businessKey: Type.Optional(Expression) }));
export const RecordFeedTriggerNode = node(
  'trigger.recordFeed',
  Type.Object({
    connector: Identifier,
    feed: Identifier,
    connectionId: Type.Optional(Type.String()),
    feedConfig: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    cron: Cron,
    timezone: Type.Optional(Timezone),
    businessKey: Expression,
    recordVariable: Type.Optional(Identifier),
    /**
     * Who created or last changed the record in the source system (e.g. `record.createdByUser`): that
     * person may not decide a four-eyes task of the case. Matched to Ledgerflow users by username or id,
     * ignoring case.
     */
    changedBy: Type.Optional(Expression),
    onClosed: Type.Union([Type.Literal('ignore'), Type.Literal('reopen')], { default: 'ignore' }),
  }),
);

// ---- logic
export const DecisionNode = node(
  'decision',
  Type.Object({
    outcomes: Type.Array(DecisionOutcome, { minItems: 1 }),
    /** Taken when no outcome matches. */
    defaultOutcome: Identifier,
  }),
);
export const DecisionTableNode = node(
  'decisionTable',
  Type.Object({
    hitPolicy: HitPolicy,
    columns: Type.Array(DecisionTableColumn, { minItems: 1 }),
    rows: Type.Array(DecisionTableRow),
    defaultOutcome: Identifier,
    /** With hit policy 'collect', the list of matched outcomes is stored here. */
    outputVariable: Type.Optional(Identifier),
  }),
);
export const SetVariablesNode = node(
  'setVariables',
  Type.Object({
    assignments: Type.Array(Type.Object({ variable: Identifier, expression: Expression }), { minItems: 1 }),
  }),
);

// ---- actions
export const ActionNode = node(
  'action',
  Type.Object({
    connector: Identifier,
    action: Identifier,
    connectionId: Type.Optional(Type.String()),
    /** Input field -> a formula (jsonata string) over run variables, or a fixed `{ value }`. */
    inputs: Type.Record(Type.String(), ActionInput),
    outputVariable: Type.Optional(Identifier),
    retry: Type.Optional(RetryPolicy),
    timeoutSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 86400 })),
  }),
);

// ---- people
/** Whom an open task is assigned to: one user, everyone with a role, everyone in a group. */
export const TASK_ASSIGNEE_TYPES = ['user', 'role', 'group'] as const;
export type TaskAssigneeType = (typeof TASK_ASSIGNEE_TYPES)[number];
/**
 * What a flow may name, resolved to a user when the task opens: `manager` (value: whose — `startedBy` for the
 * case's requester, or a username) and `approver` (value: a role; the enabled user of that role with the
 * smallest approval limit, in the task's currency, that covers the task's amount).
 */
export const FLOW_ASSIGNEE_TYPES = [...TASK_ASSIGNEE_TYPES, 'manager', 'approver'] as const;
export type FlowAssigneeType = (typeof FLOW_ASSIGNEE_TYPES)[number];
/** `manager` of the user who started the case. */
export const MANAGER_OF_STARTED_BY = 'startedBy';

export const TaskAssignee = Type.Object({
  type: Type.Union(FLOW_ASSIGNEE_TYPES.map((t) => Type.Literal(t))),
  /** A user name or id, role or group; `{{ owner }}` takes it from the case (rendered when the task opens). */
  value: Type.String({ minLength: 1 }),
});
export type TaskAssignee = Static<typeof TaskAssignee>;
export const HumanTaskNode = node(
  'humanTask',
  Type.Object({
    title: Template,
    description: Type.Optional(Template),
    form: Type.Optional(
      Type.Object({
        schema: Type.Record(Type.String(), Type.Unknown()),
        uiSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
    ),
    outcomes: Type.Array(
      Type.Object({
        name: Identifier,
        label: Type.Optional(Type.String()),
        /** Form fields this outcome needs on top of the form's own required ones: a rejection's reason, a promise's date. */
        requires: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true })),
        /** What deciding so means: a 'reject' outcome leaves the task rejected, any other completed. Absent means 'other'. */
        kind: Type.Optional(Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('other')])),
      }),
      { minItems: 1 },
    ),
    assignee: TaskAssignee,
    /** First matching rule wins; otherwise `assignee`. */
    assignmentRules: Type.Optional(Type.Array(Type.Object({ when: Condition, assignee: TaskAssignee }))),
    priority: Type.Optional(
      Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')]),
    ),
    /** The SLA: past it the task stays open, shows as overdue and ranks first; escalateAfter escalates it. */
    due: Type.Optional(WaitSpec),
    /**
     * When the task closes undecided and the run takes its `expired` edge (which it then needs). For compatibility, a
     * task with an `expired` edge and no expireAfter expires at `due`, as it did before expireAfter existed.
     */
    expireAfter: Type.Optional(WaitSpec),
    remindAfter: Type.Optional(WaitSpec),
    escalateAfter: Type.Optional(WaitSpec),
    escalateTo: Type.Optional(TaskAssignee),
    fourEyes: Type.Optional(Type.Boolean()),
    /** Approving needs an approval limit covering the amount: users without any limit are refused too. */
    requireApprovalLimit: Type.Optional(Type.Boolean()),
    /** The case's amount (a decimal string or {amount, currency}) and customer, for inbox filters and sorting. */
    amount: Type.Optional(Expression),
    customer: Type.Optional(Expression),
    /** Name of a check managers may exempt the case from (see exemptions). */
    check: Type.Optional(Identifier),
    outputVariable: Type.Optional(Identifier),
  }),
);

// ---- timing
export const WaitNode = node('wait', Type.Object({ until: WaitSpec }));
export const WaitForEventNode = node(
  'waitForEvent',
  Type.Object({
    event: Type.String({ pattern: '^[a-z][a-zA-Z0-9_.-]*$', description: 'e.g. invoice.paid' }),
    timeout: Type.Optional(WaitSpec),
    outputVariable: Type.Optional(Identifier),
  }),
);

// ---- structure
export const ForEachNode = node(
  'forEach',
  Type.Object({
    items: Expression,
    flowId: Type.String({ minLength: 1 }),
    itemVariable: Type.Optional(Identifier),
    concurrency: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
    outputVariable: Type.Optional(Identifier),
  }),
);
export const SubFlowNode = node(
  'subFlow',
  Type.Object({
    flowId: Type.String({ minLength: 1 }),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    inputs: Type.Record(Type.String(), Expression),
    outputVariable: Type.Optional(Identifier),
  }),
);
export const ParallelSplitNode = node('parallel.split', Type.Object({}));
export const ParallelJoinNode = node('parallel.join', Type.Object({}));
export const EndNode = node(
  'end',
  Type.Object({
    status: Type.String({
      pattern: '^[a-z][a-zA-Z0-9_]*$',
      default: 'completed',
      description: 'outcome status, e.g. completed, rejected',
    }),
  }),
);

export const FlowNode = Type.Union([
  ManualTriggerNode,
  ScheduleTriggerNode,
  WebhookTriggerNode,
  RecordFeedTriggerNode,
  LedgerFeedTriggerNode,
  DecisionNode,
  DecisionTableNode,
  SetVariablesNode,
  ActionNode,
  HumanTaskNode,
  WaitNode,
  WaitForEventNode,
  ForEachNode,
  SubFlowNode,
  ParallelSplitNode,
  ParallelJoinNode,
  EndNode,
  DunningClassifyNode,
  DunningSendNode,
  DunningPauseNode,
]);
export type FlowNode = Static<typeof FlowNode>;
export type NodeKind = FlowNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;

export const NODE_KINDS = FlowNode.anyOf.map((s) => s.properties.kind.const) as NodeKind[];
export const TRIGGER_KINDS = [
  'trigger.manual',
  'trigger.schedule',
  'trigger.webhook',
  'trigger.recordFeed',
  'trigger.ledgerFeed',
] as const satisfies readonly NodeKind[];
// The vocabulary module imports nothing (the workflow sandbox reads it); the kinds are checked here.
WAITING_KINDS satisfies readonly NodeKind[];
export { WAITING_KINDS };

/** Reserved source handles. Decision outcomes and task outcomes use their own names. */
export const HANDLE = { next: 'next', error: 'error', timeout: 'timeout', expired: 'expired' } as const;
