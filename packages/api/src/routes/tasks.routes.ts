import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { TaskQueryService } from '../services/task-query.service.ts';
import { TaskLifecycleService } from '../services/task-lifecycle.service.ts';
import { AttachmentError, MAX_ATTACHMENT_BYTES, TaskFilesService } from '../services/task-files.service.ts';
import { listOutbox, resendNotice } from '../services/task-notify.service.ts';
import { ListOutboxSchema, ResendNoticeSchema } from '../schemas/notices.schema.ts';
import { reconcileTasks, startReconciler } from '../services/task-reconciler.service.ts';
import {
  AddAttachmentSchema,
  AddCommentSchema,
  BulkTasksSchema,
  ClaimTaskSchema,
  CompleteTaskSchema,
  DelegateTaskSchema,
  DownloadAttachmentSchema,
  ExemptTaskSchema,
  ExportTasksSchema,
  GetTaskSchema,
  ListTasksSchema,
  ReassignTaskSchema,
  ReconcileTasksSchema,
  TaskCountsSchema,
  UnclaimTaskSchema,
} from '../schemas/tasks.schema.ts';
import { recordAudit } from '../services/audit.service.ts';
import { exportTasks } from '../services/task-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';

export const taskRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const query = new TaskQueryService(deps);
  const life = new TaskLifecycleService(deps);
  const files = new TaskFilesService(deps);
  const supervise = { onRequest: app.requireRole('manager', 'process_owner') };
  const stopReconciler = startReconciler(deps, app.log);
  app.addHook('onClose', async () => stopReconciler());

  app.get('/api/tasks', { schema: ListTasksSchema }, async (req) =>
    query.list(req.user!, req.query as Parameters<TaskQueryService['list']>[1]),
  );
  app.get('/api/tasks/export', { schema: ExportTasksSchema }, async (req, reply) => {
    const { format, ...q } = req.query;
    const file = await exportTasks(query, req.user!, q as Parameters<TaskQueryService['list']>[1], format);
    return sendExport(reply, stampedName(`tasks-${q.view}`), format, file);
  });
  app.get('/api/tasks/counts', { schema: TaskCountsSchema }, async (req) => query.counts(req.user!));
  app.get('/api/tasks/:id', { schema: GetTaskSchema }, async (req) => query.get(req.user!, req.params.id));

  app.post('/api/tasks/:id/claim', { schema: ClaimTaskSchema }, async (req) => life.claim(req.user!, req.params.id));
  app.post('/api/tasks/:id/unclaim', { schema: UnclaimTaskSchema }, async (req) =>
    life.unclaim(req.user!, req.params.id),
  );
  app.post('/api/tasks/:id/delegate', { schema: DelegateTaskSchema }, async (req) =>
    life.delegate(req.user!, req.params.id, req.body.to, req.body.reason),
  );
  app.post('/api/tasks/:id/reassign', { ...supervise, schema: ReassignTaskSchema }, async (req) =>
    life.reassign(req.user!, req.params.id, req.body.assignee, req.body.reason),
  );
  app.post('/api/tasks/:id/complete', { schema: CompleteTaskSchema }, async (req) => {
    const task = await life.complete(req.user!, req.params.id, req.body.outcome, req.body.data);
    // Recorded once the run accepted the decision: a refused approval (four-eyes, limit) decided nothing.
    await recordAudit(deps, req, {
      action: 'task.decided',
      targetType: 'task',
      targetId: task.id,
      details: {
        outcome: req.body.outcome,
        runId: task.runId,
        businessKey: task.businessKey,
        amount: task.amount,
        currency: task.currency,
      },
    });
    return task;
  });
  app.post(
    '/api/tasks/:id/exempt',
    { onRequest: app.requireRole('manager'), schema: ExemptTaskSchema },
    async (req) => {
      const done = await life.exempt(req.user!, req.params.id, req.body.reason);
      const details = { check: done.check, reason: req.body.reason };
      await recordAudit(deps, req, { action: 'task.exempted', targetType: 'task', targetId: req.params.id, details });
      return done;
    },
  );
  app.post('/api/tasks/bulk', { schema: BulkTasksSchema }, async (req) => {
    const result = await life.bulk(req.user!, req.body);
    const b = req.body;
    await recordAudit(deps, req, {
      action: b.action === 'complete' ? 'tasks.bulk_decided' : 'tasks.bulk_reassigned',
      targetType: 'tasks',
      details: {
        ...(b.action === 'complete' ? { outcome: b.outcome } : { assignee: b.assignee, reason: b.reason }),
        results: result.results.map((r) => ({ taskId: r.taskId, ok: r.ok, code: r.code ?? null })),
        succeeded: result.succeeded,
        failed: result.failed,
      },
    });
    return result;
  });

  app.post('/api/tasks/:id/comments', { schema: AddCommentSchema }, async (req, reply) => {
    reply.status(201);
    return files.addComment(req.user!, req.params.id, req.body.body);
  });
  app.post('/api/tasks/:id/attachments', { schema: AddAttachmentSchema }, async (req, reply) => {
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
  });
  app.get('/api/tasks/:id/attachments/:attachmentId', { schema: DownloadAttachmentSchema }, async (req, reply) => {
    const a = await files.download(req.user!, req.params.id, req.params.attachmentId);
    const asciiName = a.filename.replace(/[^\w.\- ]/g, '_');
    reply
      .header('content-type', a.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header(
        'content-disposition',
        `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
      );
    return reply.send(a.content);
  });

  app.get('/api/outbox', { ...supervise, schema: ListOutboxSchema }, async (req) => listOutbox(deps.orm, req.query));
  app.post('/api/outbox/:key/resend', { ...supervise, schema: ResendNoticeSchema }, async (req) =>
    resendNotice(deps, req, req.params.key),
  );
  app.post('/api/tasks/reconcile', { onRequest: app.requireRole('admin'), schema: ReconcileTasksSchema }, async (req) =>
    reconcileTasks(deps, {
      taskIds: req.body?.taskIds,
      minAgeSeconds: req.body?.minAgeSeconds,
      deep: req.body?.deep,
    }),
  );
};
