import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createFeedFileStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import {
  ClosedKeysSchema,
  ExportFeedFilesSchema,
  GetFeedFileSchema,
  ListFeedFilesSchema,
  UploadFeedFileSchema,
} from '../schemas/feed-files.schema.ts';
import { recordAudit } from '../services/audit.service.ts';
import { exportClosedKeys, exportFeedFiles } from '../services/feed-file-exports.service.ts';
import { sendExport } from '../services/table-export.service.ts';
import {
  extractNow,
  FeedFileError,
  fileFeedOf,
  getFeedFile,
  listFeedFiles,
  MAX_FEED_FILE_BYTES,
  storeFeedFile,
} from '../services/feed-files.service.ts';

/** A file feed's files: upload (designer and API), the list with the mail-in address, and the closed keys. */
export const feedFileRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const owner = { onRequest: app.requireRole('process_owner') };
  const oversee = { onRequest: app.requireRole('process_owner', 'manager') };

  // Synchronous: the answer carries the extraction's report (a file of a few thousand rows takes seconds).
  app.post('/api/flows/:id/feed/files', { ...owner, schema: UploadFeedFileSchema }, async (req) => {
    const feed = await fileFeedOf(deps, req.params.id);
    if (!req.isMultipart())
      throw new FeedFileError('FEED_FILE_MISSING', 'Send the file as multipart/form-data with a "file" part', 400);
    let part: Awaited<ReturnType<typeof req.file>>;
    try {
      part = await req.file({ limits: { fileSize: MAX_FEED_FILE_BYTES, files: 1 } });
    } catch (err) {
      throw new FeedFileError(
        'FEED_FILE_INVALID',
        `The multipart body cannot be read: ${(err as Error).message}`,
        400,
        {
          part: 'body',
        },
      );
    }
    if (!part) throw new FeedFileError('FEED_FILE_MISSING', 'No file part in the request', 400);
    const via = req.headers['x-ledgerflow-client'] === 'designer' ? 'upload' : 'api';
    let fileId: string;
    try {
      fileId = await storeFeedFile(deps, {
        flowId: req.params.id,
        name: part.filename,
        contentType: part.mimetype,
        sender: req.user!.username,
        via,
        userId: req.user!.id,
        content: part.file,
      });
    } catch (err) {
      part.file.resume(); // an unread part would hold the request open
      // busboy stops a part at the limit and flags it instead of failing the stream.
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated)
        throw new FeedFileError(
          'FEED_FILE_TOO_LARGE',
          `Feed files are limited to ${MAX_FEED_FILE_BYTES / 1024 / 1024} MB`,
          413,
          {
            limit: MAX_FEED_FILE_BYTES,
          },
        );
      throw err;
    }
    if (part.file.truncated) {
      await createFeedFileStore(deps.orm.em.fork()).remove(fileId);
      throw new FeedFileError(
        'FEED_FILE_TOO_LARGE',
        `Feed files are limited to ${MAX_FEED_FILE_BYTES / 1024 / 1024} MB`,
        413,
        {
          limit: MAX_FEED_FILE_BYTES,
        },
      );
    }
    await recordAudit(deps, req, {
      action: 'feed.file_uploaded',
      targetType: 'flow',
      targetId: req.params.id,
      details: { fileId, name: part.filename, via },
    });
    return extractNow(deps, req.params.id, fileId, feed);
  });

  app.get('/api/flows/:id/feed/files', { ...oversee, schema: ListFeedFilesSchema }, async (req) =>
    listFeedFiles(deps, req.params.id, req.query.limit),
  );
  app.get('/api/flows/:id/feed/files/export', { ...oversee, schema: ExportFeedFilesSchema }, async (req, reply) => {
    await fileFeedOf(deps, req.params.id);
    const format = req.query.format;
    const name = `feed-files-${req.params.id}`;
    return sendExport(reply, name, format, await exportFeedFiles(deps, req.params.id, format));
  });
  app.get('/api/flows/:id/feed/files/:fileId', { ...oversee, schema: GetFeedFileSchema }, async (req) =>
    getFeedFile(deps, req.params.id, req.params.fileId),
  );

  app.get('/api/flows/:id/feed/closed-keys', { ...oversee, schema: ClosedKeysSchema }, async (req, reply) => {
    await fileFeedOf(deps, req.params.id);
    const format = req.query.format;
    const name = `closed-keys-${req.params.id}`;
    return sendExport(reply, name, format, await exportClosedKeys(deps, req.params.id, format));
  });
};
