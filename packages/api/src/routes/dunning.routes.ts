import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import {
  ExportDunningBatchSchema,
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
import { dunningCsv, dunningXlsx } from '../services/dunning-export.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The dunning run's review batches: for those who work the receivables. Sending is the review task's decision. */
export const dunningRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const collection = { onRequest: app.requireRole('collector', 'manager', 'process_owner') };
  app.get('/api/dunning/batches', { ...collection, schema: ListDunningBatchesSchema }, async (req) =>
    listDunningBatches(deps, req.query),
  );
  app.get('/api/dunning/batches/:id', { ...collection, schema: GetDunningBatchSchema }, async (req) =>
    getDunningBatch(deps, req.params.id),
  );
  app.get(
    '/api/dunning/batches/:id/export',
    { ...collection, schema: ExportDunningBatchSchema },
    async (req, reply) => {
      const { batch, lines } = await getDunningBatch(deps, req.params.id);
      const format = req.query.format;
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="dunning-${batch.asOf}-${batch.id.slice(0, 8)}.${format}"`)
        .header('cache-control', 'no-store');
      return reply.send(format === 'csv' ? dunningCsv(lines) : await dunningXlsx(lines));
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
