import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import {
  ExportDunningBatchSchema,
  ExportDunningBatchesSchema,
  GetDunningBatchSchema,
  ListDunningBatchesSchema,
  PatchDunningLineSchema,
  PreviewDunningLineSchema,
} from '../schemas/dunning.schema.ts';
import {
  changeDunningLine,
  getDunningBatch,
  listDunningBatches,
  previewDunningLine,
} from '../services/dunning-batches.service.ts';
import { exportDunningBatch, exportDunningBatches } from '../services/dunning-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';

/** The dunning run's review batches: for those who work the receivables. Sending is the review task's decision. */
export const dunningRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const collection = { onRequest: app.requireRole('collector', 'manager', 'process_owner') };
  app.get('/api/dunning/batches', { ...collection, schema: ListDunningBatchesSchema }, async (req) =>
    listDunningBatches(deps, req.query),
  );
  app.get('/api/dunning/batches/export', { ...collection, schema: ExportDunningBatchesSchema }, async (req, reply) => {
    const { format, status } = req.query;
    return sendExport(reply, stampedName('dunning-batches'), format, await exportDunningBatches(deps, status, format));
  });
  app.get('/api/dunning/batches/:id', { ...collection, schema: GetDunningBatchSchema }, async (req) =>
    getDunningBatch(deps, req.params.id),
  );
  app.get(
    '/api/dunning/batches/:id/export',
    { ...collection, schema: ExportDunningBatchSchema },
    async (req, reply) => {
      const { batch, lines } = await getDunningBatch(deps, req.params.id);
      const format = req.query.format;
      const name = `dunning-${batch.asOf}-${batch.id.slice(0, 8)}`;
      return sendExport(reply, name, format, await exportDunningBatch(lines, format));
    },
  );
  app.patch('/api/dunning/batches/:id/lines/:lineId', { ...collection, schema: PatchDunningLineSchema }, async (req) =>
    changeDunningLine(deps, req, req.params.id, req.params.lineId, req.body),
  );
  app.get(
    '/api/dunning/batches/:id/lines/:lineId/preview',
    { ...collection, schema: PreviewDunningLineSchema },
    async (req) => previewDunningLine(deps, req.params.id, req.params.lineId),
  );
};
