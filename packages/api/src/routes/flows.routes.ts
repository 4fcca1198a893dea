import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FlowInvalidError, type FlowDefinition } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { RunService } from '../services/run.service.ts';
import { recordAudit } from '../services/audit.service.ts';
import {
  ActivateVersionSchema,
  CreateFlowSchema,
  DuplicateFlowSchema,
  FlowStatsSchema,
  GetFlowSchema,
  GetVersionSchema,
  ListFlowsSchema,
  MigrateRunsSchema,
  PublishFlowSchema,
  SaveDraftSchema,
  TestRunSchema,
  ValidateFlowSchema,
} from '../schemas/flows.schema.ts';
import { VersionDiffSchema } from '../schemas/flow-diff.schema.ts';
import { migrateRuns } from '../services/migration.service.ts';

export const flowRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const runs = new RunService(deps);
  const edit = { onRequest: app.requireRole('process_owner') };

  app.get('/api/flows', { schema: ListFlowsSchema }, async () => ({ items: await flows.list() }));
  app.post('/api/flows', { ...edit, schema: CreateFlowSchema }, async (req, reply) => {
    reply.status(201);
    return flows.create(req.body.definition, req.user!.id);
  });
  app.get('/api/flows/:id', { schema: GetFlowSchema }, async (req) => flows.get(req.params.id));
  app.put('/api/flows/:id/draft', { ...edit, schema: SaveDraftSchema }, async (req) =>
    flows.saveDraft(req.params.id, req.body.definition),
  );
  app.post('/api/flows/validate', { schema: ValidateFlowSchema }, async (req) => ({
    problems: flows.problems(req.body.definition),
  }));
  app.post('/api/flows/:id/publish', { ...edit, schema: PublishFlowSchema }, async (req, reply) => {
    const before = (await flows.get(req.params.id)).activeVersion;
    const published = await flows.publish(req.params.id, req.user!.id, req.body.comment, req.body.definition);
    await recordAudit(deps, req, {
      action: 'flow.published',
      targetType: 'flow',
      targetId: req.params.id,
      before: { activeVersion: before },
      after: { activeVersion: published.version, hash: published.hash },
      details: { comment: req.body.comment },
    });
    reply.status(201);
    return published;
  });
  app.get('/api/flows/:id/versions/:version', { schema: GetVersionSchema }, async (req) =>
    flows.version(req.params.id, req.params.version),
  );
  // Read like a version: whoever may open a flow's versions may compare two of them.
  app.get('/api/flows/:id/versions/:a/diff/:b', { schema: VersionDiffSchema }, async (req) =>
    flows.diff(req.params.id, req.params.a, req.params.b),
  );
  app.post('/api/flows/:id/versions/:version/activate', { ...edit, schema: ActivateVersionSchema }, async (req) => {
    const before = (await flows.get(req.params.id)).activeVersion;
    const activated = await flows.activate(req.params.id, req.params.version);
    await recordAudit(deps, req, {
      action: 'flow.version_activated',
      targetType: 'flow',
      targetId: req.params.id,
      before: { activeVersion: before },
      after: activated,
    });
    return activated;
  });
  app.post('/api/flows/:id/duplicate', { ...edit, schema: DuplicateFlowSchema }, async (req, reply) => {
    reply.status(201);
    return flows.duplicate(req.params.id, req.user!.id);
  });
  app.post('/api/flows/:id/test-run', { ...edit, schema: TestRunSchema }, async (req, reply) => {
    const flow = await flows.get(req.params.id);
    const problems = flows.problems(flow.draft);
    if (problems.length) throw new FlowInvalidError(problems);
    reply.status(201);
    return runs.start({
      flowId: flow.id,
      version: 0,
      definition: flow.draft as unknown as FlowDefinition,
      input: req.body.input,
      businessKey: req.body.businessKey ?? `test-${Date.now()}`,
      userId: req.user!.id,
      isTest: true,
    });
  });
  app.post('/api/flows/:id/migrate', { ...edit, schema: MigrateRunsSchema }, async (req) => {
    const report = await migrateRuns(deps, req.params.id, req.body.toVersion, req.body.dryRun);
    if (!report.dryRun && report.migrated.length)
      await recordAudit(deps, req, {
        action: 'flow.runs_migrated',
        targetType: 'flow',
        targetId: req.params.id,
        after: { toVersion: report.toVersion },
        details: { migrated: report.migrated, refused: report.notMigrated.map(({ runId, code }) => ({ runId, code })) },
      });
    return report;
  });
  app.get('/api/flows/:id/stats', { schema: FlowStatsSchema }, async (req) => {
    return runs.nodeStats(req.params.id);
  });
};
