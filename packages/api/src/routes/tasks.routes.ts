import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { withErrors } from '../schemas/common.schema.ts';
import { decimalPattern, TASK_STATUSES } from '@ledgerflow/flow-model';
import { TaskQueryService } from '../services/task-query.service.ts';
import { TaskLifecycleService } from '../services/task-lifecycle.service.ts';
import { AttachmentError, MAX_ATTACHMENT_BYTES, TaskFilesService } from '../services/task-files.service.ts';
import { listOutbox } from '../services/task-notify.service.ts';
import { reconcileTasks, startReconciler } from '../services/task-reconciler.service.ts';
import { OutboxStatusSchema } from '../schemas/vocabulary.schema.ts';

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

export const taskRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const query = new TaskQueryService(deps);
  const life = new TaskLifecycleService(deps);
  const files = new TaskFilesService(deps);
  const supervise = { preHandler: app.requireRole('manager', 'process_owner') };
  const stopReconciler = startReconciler(deps, app.log);
  app.addHook('onClose', async () => stopReconciler());

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Inbox list: my tasks, my roles/groups tasks, or all (supervisors)',
        querystring: ListQuery,
        response: withErrors({
          200: Type.Object({ items: Type.Array(TaskListItem), hasMore: Type.Boolean(), view: Str }),
        }),
      },
    },
    async (req) => query.list(req.user!, req.query as Parameters<TaskQueryService['list']>[1]),
  );
  app.get(
    '/api/tasks/counts',
    {
      schema: {
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
      },
    },
    async (req) => query.counts(req.user!),
  );
  app.get(
    '/api/tasks/:id',
    { schema: { tags: ['tasks'], params: TaskParams, response: withErrors({ 200: TaskDetail }) } },
    async (req) => query.get(req.user!, req.params.id),
  );

  app.post(
    '/api/tasks/:id/claim',
    { schema: { tags: ['tasks'], params: TaskParams, response: withErrors({ 200: TaskView }) } },
    async (req) => life.claim(req.user!, req.params.id),
  );
  app.post(
    '/api/tasks/:id/unclaim',
    { schema: { tags: ['tasks'], params: TaskParams, response: withErrors({ 200: TaskView }) } },
    async (req) => life.unclaim(req.user!, req.params.id),
  );
  app.post(
    '/api/tasks/:id/delegate',
    {
      schema: {
        tags: ['tasks'],
        params: TaskParams,
        body: Type.Object({
          to: Type.String({ minLength: 1, maxLength: 200, description: 'username or user id' }),
          reason: Reason,
        }),
        response: withErrors({ 200: TaskView }),
      },
    },
    async (req) => life.delegate(req.user!, req.params.id, req.body.to, req.body.reason),
  );
  app.post(
    '/api/tasks/:id/reassign',
    {
      ...supervise,
      schema: {
        tags: ['tasks'],
        params: TaskParams,
        body: Type.Object({ assignee: Assignee, reason: Reason }),
        response: withErrors({ 200: TaskView }),
      },
    },
    async (req) => life.reassign(req.user!, req.params.id, req.body.assignee, req.body.reason),
  );
  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Decide the task: validated against its form, delivered to the run as an Update (id = task id)',
        params: TaskParams,
        body: CompleteBody,
        response: withErrors({ 200: TaskView }),
      },
    },
    async (req) => life.complete(req.user!, req.params.id, req.body.outcome, req.body.data),
  );
  app.post(
    '/api/tasks/:id/exempt',
    {
      preHandler: app.requireRole('manager'),
      schema: {
        tags: ['tasks'],
        summary: "Exempt the case from this task's named check (recorded in the case history)",
        params: TaskParams,
        body: Type.Object({ reason: Reason }),
        response: withErrors({ 200: Type.Object({ ok: Type.Literal(true), check: Str }) }),
      },
    },
    async (req) => life.exempt(req.user!, req.params.id, req.body.reason),
  );
  app.post(
    '/api/tasks/bulk',
    {
      schema: {
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
      },
    },
    async (req) => life.bulk(req.user!, req.body),
  );

  app.post(
    '/api/tasks/:id/comments',
    {
      schema: {
        tags: ['tasks'],
        params: TaskParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }) }),
        response: withErrors({ 201: Comment }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return files.addComment(req.user!, req.params.id, req.body.body);
    },
  );
  app.post(
    '/api/tasks/:id/attachments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'multipart/form-data with one "file" part: PDF, image or Office document up to 20 MB',
        consumes: ['multipart/form-data'],
        params: TaskParams,
        response: withErrors({ 201: Attachment }, [400, 401, 403, 404, 409, 413, 415, 500]),
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AttachmentError(
          'ATTACHMENT_MISSING',
          'Send the document as multipart/form-data with a "file" part',
          400,
        );
      let content: Buffer;
      let part: Awaited<ReturnType<typeof req.file>>;
      try {
        part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
        if (!part) throw new AttachmentError('ATTACHMENT_MISSING', 'No file part in the request', 400);
        content = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AttachmentError(
            'ATTACHMENT_TOO_LARGE',
            `Attachments are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
            413,
            { limit: MAX_ATTACHMENT_BYTES },
          );
        // busboy's refusals of the form itself (no boundary, a truncated part) carry no status: the client's 400.
        if (err instanceof Error && !(err instanceof AttachmentError) && !(err as { statusCode?: number }).statusCode) {
          throw new AttachmentError('ATTACHMENT_INVALID', `The multipart body cannot be read: ${err.message}`, 400, {
            part: 'body',
          });
        }
        throw err;
      }
      const saved = await files.addAttachment(req.user!, req.params.id, {
        filename: part.filename,
        declaredType: part.mimetype,
        content,
      });
      reply.status(201);
      return saved;
    },
  );
  app.get(
    '/api/tasks/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['tasks'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
        response: withErrors({ 200: Type.Unknown({ description: 'the document' }) }),
      },
    },
    async (req, reply) => {
      const a = await files.download(req.user!, req.params.id, req.params.attachmentId);
      reply
        .header('content-type', a.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header(
          'content-disposition',
          `attachment; filename="${a.filename.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        );
      return reply.send(a.content);
    },
  );

  app.get(
    '/api/outbox',
    {
      ...supervise,
      schema: {
        tags: ['tasks'],
        summary:
          'Outgoing messages: task notices (sent by the worker when NOTIFY_MAIL_CONNECTION names an email connection) and connector emails',
        querystring: Type.Object({
          channel: Type.Optional(Type.String({ maxLength: 50 })),
          taskId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
        }),
        response: withErrors({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Str,
                channel: Str,
                recipients: Type.Array(Str),
                subject: Str,
                status: OutboxStatusSchema,
                error: Nullable(Str),
                meta: Type.Unknown(),
                createdAt: Str,
              }),
            ),
          }),
        }),
      },
    },
    async (req) => listOutbox(deps.orm, req.query),
  );
  app.post(
    '/api/tasks/reconcile',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['tasks'],
        summary:
          'Safety net: settle task rows a run left open (terminated, lost); runs settle their own tasks, so this should repair nothing',
        body: Type.Optional(
          Type.Object({
            taskIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })),
            minAgeSeconds: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 31_536_000, description: 'at most a year' }),
            ),
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
      },
    },
    async (req) =>
      reconcileTasks(deps, {
        taskIds: req.body?.taskIds,
        minAgeSeconds: req.body?.minAgeSeconds,
        deep: req.body?.deep,
      }),
  );
};
