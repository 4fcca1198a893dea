import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConflictError, type FlowDefinition } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { listCases, readFeedStatus, syncFeedNow } from '../services/trigger.service.ts';
import { receivables } from '../services/receivables.service.ts';
import { exportCases } from '../services/cases-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';
import {
  activateSchedule,
  deactivateSchedule,
  pauseSchedule,
  resumeSchedule,
  scheduleStatus,
} from '../services/schedule-control.service.ts';
import {
  ExportCasesSchema,
  FeedStatusSchema,
  ListCasesSchema,
  ReceivablesSchema,
  ScheduleControlSchema,
  ScheduleStatusSchema,
  SyncFeedSchema,
} from '../schemas/triggers.schema.ts';

export const triggerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const owner = { onRequest: app.requireRole('process_owner') };
  // Every case of a flow with its record (customers, amounts): for those who may read every run.
  const oversee = { onRequest: app.requireRole('process_owner', 'manager') };

  app.post('/api/flows/:id/feed/sync', { ...owner, schema: SyncFeedSchema }, async (req) => {
    const active = await flows.runnable(req.params.id);
    // Only a record-feed trigger has an extraction to run; the sync workflow would fail on any other flow.
    if (!(active.definition as FlowDefinition).nodes.some((n) => n.kind === 'trigger.recordFeed')) {
      throw new ConflictError('NOT_A_FEED_FLOW', 'The active version of this flow is not started by a record feed', {
        flowId: req.params.id,
        version: active.version,
      });
    }
    return syncFeedNow(deps, req.params.id);
  });

  // Progress of the running extraction (counts grow page by page), or how the last one ended.
  app.get('/api/flows/:id/feed', { schema: FeedStatusSchema }, async (req) => {
    await flows.get(req.params.id);
    return readFeedStatus(deps, req.params.id);
  });

  // Receivables KPIs from the cases of a record-feed flow of open items (invoices): aging, DSO, CEI.
  app.get('/api/flows/:id/receivables', { ...oversee, schema: ReceivablesSchema }, async (req) =>
    receivables(deps, req.params.id, req.query),
  );

  // The cases of a record-feed flow: the business table the extractions keep, with what is late and done.
  app.get('/api/flows/:id/cases', { ...oversee, schema: ListCasesSchema }, async (req) =>
    listCases(deps, req.params.id, req.query),
  );
  // The same list as a file, for the same roles and with the same filters.
  app.get('/api/flows/:id/cases/export', { ...oversee, schema: ExportCasesSchema }, async (req, reply) => {
    const { format, ...q } = req.query;
    return sendExport(reply, stampedName('cases'), format, await exportCases(deps, req.params.id, q, format));
  });
  // The schedule of a scheduled or record-feed flow: state, overlap policy, skipped firings.
  app.get('/api/flows/:id/schedule', { schema: ScheduleStatusSchema }, async (req) =>
    scheduleStatus(deps, req.params.id),
  );
  const control = { ...owner, schema: ScheduleControlSchema };
  app.post('/api/flows/:id/schedule/pause', control, async (req) => pauseSchedule(deps, req, req.params.id));
  app.post('/api/flows/:id/schedule/resume', control, async (req) => resumeSchedule(deps, req, req.params.id));
  app.post('/api/flows/:id/schedule/deactivate', control, async (req) => deactivateSchedule(deps, req, req.params.id));
  app.post('/api/flows/:id/schedule/activate', control, async (req) => activateSchedule(deps, req, req.params.id));

  // The webhook's secret and its signed endpoints are in hooks.routes.ts.
};
