import { Type } from '@sinclair/typebox';
import { decimalPattern, TASK_STATUSES } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';
import { UnreachableRecipient } from './notices.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

// type: [string, null] (not anyOf): fast-json-stringify serializes it without trying each branch.
const Nullable = (_t: ReturnType<typeof Type.String>) => Type.Unsafe<string | null>({ type: ['string', 'null'] });
const Str = Type.String();
const Decimal = Type.String({
  pattern: decimalPattern({ integerDigits: 16, scale: 4 }),
  description: 'exact decimal, e.g. "15000.01"',
});
const Assignee = Type.Object({
  type: Type.Union([Type.Literal('user'), Type.Literal('role'), Type.Literal('group')]),
  value: Type.String({ minLength: 1, maxLength: 200 }),
});
const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });

const TaskListItem = Type.Object(
  {
    id: Str,
    runId: Str,
    flowId: Str,
    businessKey: Str,
    title: Str,
    outcomes: Type.Array(
      Type.Object({
        name: Str,
        label: Type.Optional(Str),
        requires: Type.Optional(Type.Array(Str, { description: 'form fields this outcome needs' })),
      }),
    ),
    assignee: Type.Object({
      type: Type.Unsafe<'user' | 'role' | 'group'>({ type: 'string', enum: ['user', 'role', 'group'] }),
      value: Str,
    }),
    claimedBy: Nullable(Str),
    status: Type.Unsafe<(typeof TASK_STATUSES)[number]>({ type: 'string', enum: [...TASK_STATUSES] }),
    priority: Str,
    dueAt: Nullable(Str),
    overdue: Type.Boolean(),
    amount: Nullable(Str),
    currency: Nullable(Str),
    customer: Nullable(Str),
    outcome: Nullable(Str),
    completedAt: Nullable(Str),
    escalated: Type.Boolean(),
    createdAt: Str,
  },
  { description: 'A task as the list and the detail show it' },
);
const TaskListRow = Type.Object(
  {
    ...TaskListItem.properties,
    amountCompany: Type.Unsafe<{ amount: string; currency: string } | null>({
      type: ['object', 'null'],
      properties: { amount: Decimal, currency: Str },
      required: ['amount', 'currency'],
      description: 'the amount converted to the company currency at the admin-maintained rate; null without a rate',
    }),
  },
  { description: 'A row of the inbox list; GET /api/tasks/{id} has the whole task' },
);
// One flat object (not allOf): fast-json-stringify compiles it straight.
const TaskView = Type.Object({
  ...TaskListItem.properties,
  workflowId: Str,
  nodeId: Str,
  claimedAt: Nullable(Str),
  checkName: Nullable(Str),
  startedBy: Nullable(Str),
  completedBy: Nullable(Str),
  fourEyes: Type.Boolean(),
  updatedAt: Str,
});
const Attachment = Type.Object({
  id: Str,
  filename: Str,
  contentType: Str,
  size: Type.Integer(),
  sha256: Str,
  uploadedBy: Str,
  createdAt: Str,
});
const Comment = Type.Object({ id: Str, userId: Str, username: Nullable(Str), body: Str, createdAt: Str });
const TaskDetail = Type.Object({
  task: Type.Intersect([
    TaskView,
    Type.Object({
      description: Str,
      form: Type.Record(Str, Type.Unknown()),
      variables: Type.Record(Str, Type.Unknown()),
      exemption: Type.Union([Type.Record(Str, Type.Unknown()), Type.Null()]),
    }),
  ]),
  comments: Type.Array(Comment),
  attachments: Type.Array(Attachment),
  history: Type.Array(
    Type.Object({ kind: Str, userId: Nullable(Str), reason: Nullable(Str), data: Type.Unknown(), at: Str }),
  ),
  users: Type.Record(Str, Type.Object({ username: Str, displayName: Str })),
  unreachable: Type.Array(UnreachableRecipient, { description: "who this task's notices did not reach" }),
  permissions: Type.Object({
    canAct: Type.Boolean(),
    canClaim: Type.Boolean(),
    canUnclaim: Type.Boolean(),
    canReassign: Type.Boolean(),
    canExempt: Type.Boolean(),
    fourEyesBlocked: Type.Boolean(),
  }),
});
const ListQuery = Type.Object({
  view: Type.Union([Type.Literal('mine'), Type.Literal('groups'), Type.Literal('all')], { default: 'mine' }),
  status: Type.Optional(Type.Array(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s))), { maxItems: 6 })),
  flowId: Type.Optional(Type.String({ format: 'uuid' })),
  due: Type.Optional(
    Type.Union([Type.Literal('overdue'), Type.Literal('today'), Type.Literal('week'), Type.Literal('none')]),
  ),
  amountMin: Type.Optional(Decimal),
  amountMax: Type.Optional(Decimal),
  customer: Type.Optional(Type.String({ maxLength: 200 })),
  businessKey: Type.Optional(Type.String({ maxLength: 200 })),
  assignee: Type.Optional(
    Type.String({ maxLength: 200, description: 'the user name, role or group the task is assigned to' }),
  ),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(
    Type.Union(
      ['due', 'created', 'amount', 'priority', 'title', 'businessKey', 'rank'].map((s) => Type.Literal(s)),
      { description: "rank: priority, then overdue first, then biggest amount (a collector's worklist)" },
    ),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
});
const TaskParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CompleteBody = Type.Object({
  outcome: Type.String({ minLength: 1, maxLength: 100 }),
  data: Type.Record(Str, Type.Unknown(), { default: {} }),
});
const BulkResult = Type.Object({
  results: Type.Array(
    Type.Object({
      taskId: Str,
      ok: Type.Boolean(),
      status: Type.Optional(Str),
      code: Type.Optional(Str),
      message: Type.Optional(Str),
      httpStatus: Type.Optional(Type.Integer()),
    }),
  ),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
});

export const ListTasksSchema = {
  tags: ['tasks'],
  summary: 'Inbox list: my tasks, my roles/groups tasks, or all (supervisors)',
  querystring: ListQuery,
  response: withErrors({
    200: Type.Object({ items: Type.Array(TaskListRow), hasMore: Type.Boolean(), view: Str }),
  }),
} as const;

export const ExportTasksSchema = {
  tags: ['tasks'],
  summary:
    'The inbox list as CSV or XLSX: same view, filters and sort, only the tasks the caller may see (up to 10,000)',
  querystring: Type.Object({ ...Type.Omit(ListQuery, ['limit', 'offset']).properties, ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

export const TaskCountsSchema = {
  tags: ['tasks'],
  summary: 'Active tasks per inbox view',
  response: withErrors({
    200: Type.Object({
      mine: Type.Integer(),
      groups: Type.Integer(),
      all: Type.Union([Type.Integer(), Type.Null()]),
      overdue: Type.Integer(),
    }),
  }),
} as const;

export const GetTaskSchema = {
  tags: ['tasks'],
  params: TaskParams,
  response: withErrors({ 200: TaskDetail }),
} as const;

export const ClaimTaskSchema = {
  tags: ['tasks'],
  params: TaskParams,
  response: withErrors({ 200: TaskView }),
} as const;

export const UnclaimTaskSchema = {
  tags: ['tasks'],
  params: TaskParams,
  response: withErrors({ 200: TaskView }),
} as const;

export const DelegateTaskSchema = {
  tags: ['tasks'],
  params: TaskParams,
  body: Type.Object({
    to: Type.String({ minLength: 1, maxLength: 200, description: 'username or user id' }),
    reason: Reason,
  }),
  response: withErrors({ 200: TaskView }),
} as const;

export const ReassignTaskSchema = {
  tags: ['tasks'],
  params: TaskParams,
  body: Type.Object({ assignee: Assignee, reason: Reason }),
  response: withErrors({ 200: TaskView }),
} as const;

export const CompleteTaskSchema = {
  tags: ['tasks'],
  summary: 'Decide the task: validated against its form, delivered to the run as an Update (id = task id)',
  params: TaskParams,
  body: CompleteBody,
  response: withErrors({ 200: TaskView }),
} as const;

export const ExemptTaskSchema = {
  tags: ['tasks'],
  summary: "Exempt the case from this task's named check (recorded in the case history)",
  params: TaskParams,
  body: Type.Object({ reason: Reason }),
  response: withErrors({ 200: Type.Object({ ok: Type.Literal(true), check: Str }) }),
} as const;

export const BulkTasksSchema = {
  tags: ['tasks'],
  summary: 'Approve or reassign several tasks; each is checked on its own and gets its own result',
  body: Type.Union([
    Type.Object({
      action: Type.Literal('complete'),
      taskIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
      outcome: Type.String({ minLength: 1, maxLength: 100 }),
      data: Type.Optional(Type.Record(Str, Type.Unknown())),
    }),
    Type.Object({
      action: Type.Literal('reassign'),
      taskIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
      assignee: Assignee,
      reason: Reason,
    }),
  ]),
  response: withErrors({ 200: BulkResult }),
} as const;

export const AddCommentSchema = {
  tags: ['tasks'],
  params: TaskParams,
  body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }) }),
  response: withErrors({ 201: Comment }),
} as const;

export const AddAttachmentSchema = {
  tags: ['tasks'],
  summary: 'multipart/form-data with one "file" part: PDF, image or Office document up to 20 MB',
  consumes: ['multipart/form-data'],
  params: TaskParams,
  response: withErrors({ 201: Attachment }, [400, 401, 403, 404, 409, 413, 415, 500]),
} as const;

export const DownloadAttachmentSchema = {
  tags: ['tasks'],
  params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
  response: withErrors({ 200: Type.Unknown({ description: 'the document' }) }),
} as const;

export const ReconcileTasksSchema = {
  tags: ['tasks'],
  summary:
    'Safety net: settle task rows a run left open (terminated, lost); ' +
    'runs settle their own tasks, so this should repair nothing',
  body: Type.Optional(
    Type.Object({
      taskIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })),
      minAgeSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 31_536_000, description: 'at most a year' })),
      deep: Type.Optional(Type.Boolean({ description: 'also ask Temporal about runs that look alive' })),
    }),
  ),
  response: withErrors({
    200: Type.Object({
      checked: Type.Integer(),
      repaired: Type.Array(Type.Object({ taskId: Str, from: Str, to: Str, reason: Str })),
      repairsTotal: Type.Integer({
        description:
          'rows this API process has repaired since it started: 0 unless a run ended without settling its tasks',
      }),
    }),
  }),
} as const;
