import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FlowInvalidError, type FlowDefinition } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { RunService } from '../services/run.service.ts';
import { IdParams, Problem, withErrors } from '../schemas/common.schema.ts';
import { migrateRuns } from '../services/migration.service.ts';

const FlowSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  activeVersion: Type.Union([Type.Integer(), Type.Null()]),
  latestVersion: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.String(),
});
const VersionSummary = Type.Object({
  version: Type.Integer(),
  comment: Type.String(),
  hash: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
});
const FlowDetail = Type.Intersect([
  FlowSummary,
  Type.Object({ draft: Type.Record(Type.String(), Type.Unknown()), versions: Type.Array(VersionSummary) }),
]);
/** Drafts may be invalid, so the body is any JSON object; the shared validator reports its problems. */
const DefinitionBody = Type.Object({ definition: Type.Record(Type.String(), Type.Unknown()) });
// Versions are Postgres integers: a larger number can name no version, and is refused before any query.
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }), version: Version });

export const flowRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const runs = new RunService(deps);
  const edit = { preHandler: app.requireRole('process_owner') };

  app.get(
    '/api/flows',
    { schema: { tags: ['flows'], response: withErrors({ 200: Type.Object({ items: Type.Array(FlowSummary) }) }) } },
    async () => ({ items: await flows.list() }),
  );
  app.post(
    '/api/flows',
    { ...edit, schema: { tags: ['flows'], body: DefinitionBody, response: withErrors({ 201: FlowDetail }) } },
    async (req, reply) => {
      reply.status(201);
      return flows.create(req.body.definition, req.user!.id);
    },
  );
  app.get(
    '/api/flows/:id',
    { schema: { tags: ['flows'], params: IdParams, response: withErrors({ 200: FlowDetail }) } },
    async (req) => flows.get(req.params.id),
  );
  app.put(
    '/api/flows/:id/draft',
    {
      ...edit,
      schema: {
        tags: ['flows'],
        params: IdParams,
        body: DefinitionBody,
        response: withErrors({ 200: Type.Object({ savedAt: Type.String(), problems: Type.Array(Problem) }) }),
      },
    },
    async (req) => flows.saveDraft(req.params.id, req.body.definition),
  );
  app.post(
    '/api/flows/validate',
    {
      schema: {
        tags: ['flows'],
        body: DefinitionBody,
        response: withErrors({ 200: Type.Object({ problems: Type.Array(Problem) }) }),
      },
    },
    async (req) => ({ problems: flows.problems(req.body.definition) }),
  );
  app.post(
    '/api/flows/:id/publish',
    {
      ...edit,
      schema: {
        tags: ['flows'],
        params: IdParams,
        body: Type.Object({
          comment: Type.String({ maxLength: 2000, default: '' }),
          definition: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }),
        response: withErrors({ 201: Type.Object({ version: Type.Integer(), hash: Type.String() }) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return flows.publish(req.params.id, req.user!.id, req.body.comment, req.body.definition);
    },
  );
  app.get(
    '/api/flows/:id/versions/:version',
    {
      schema: {
        tags: ['flows'],
        params: VersionParams,
        response: withErrors({
          200: Type.Intersect([
            VersionSummary,
            Type.Object({ definition: Type.Record(Type.String(), Type.Unknown()) }),
          ]),
        }),
      },
    },
    async (req) => flows.version(req.params.id, req.params.version),
  );
  app.post(
    '/api/flows/:id/versions/:version/activate',
    {
      ...edit,
      schema: {
        tags: ['flows'],
        params: VersionParams,
        response: withErrors({ 200: Type.Object({ activeVersion: Type.Integer() }) }),
      },
    },
    async (req) => flows.activate(req.params.id, req.params.version),
  );
  app.post(
    '/api/flows/:id/duplicate',
    {
      ...edit,
      schema: { tags: ['flows'], params: IdParams, response: withErrors({ 201: Type.Object({ id: Type.String() }) }) },
    },
    async (req, reply) => {
      reply.status(201);
      return flows.duplicate(req.params.id, req.user!.id);
    },
  );
  app.post(
    '/api/flows/:id/test-run',
    {
      ...edit,
      schema: {
        tags: ['flows'],
        params: IdParams,
        body: Type.Object({
          input: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
          businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        response: withErrors({ 201: Type.Object({ runId: Type.String(), workflowId: Type.String() }) }),
      },
    },
    async (req, reply) => {
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
    },
  );
  const RunRef = Type.Object({ runId: Type.String(), from: Type.Integer() });
  app.post(
    '/api/flows/:id/migrate',
    {
      ...edit,
      schema: {
        tags: ['flows'],
        params: IdParams,
        body: Type.Object({ toVersion: Version }),
        response: withErrors({
          200: Type.Object({
            toVersion: Type.Integer(),
            migrated: Type.Array(RunRef),
            notMigrated: Type.Array(
              Type.Intersect([RunRef, Type.Object({ reason: Type.String(), code: Type.String() })]),
            ),
          }),
        }),
      },
    },
    async (req) => migrateRuns(deps, req.params.id, req.body.toVersion),
  );
  app.get(
    '/api/flows/:id/stats',
    {
      schema: {
        tags: ['flows'],
        params: IdParams,
        response: withErrors({
          200: Type.Object({
            nodes: Type.Record(
              Type.String(),
              Type.Object({ entered: Type.Integer(), active: Type.Integer(), failed: Type.Integer() }),
            ),
          }),
        }),
      },
    },
    async (req) => {
      return runs.nodeStats(req.params.id);
    },
  );
};
