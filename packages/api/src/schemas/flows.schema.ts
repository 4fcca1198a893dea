import { Type } from '@sinclair/typebox';
import { IdParams, Problem, withErrors } from './common.schema.ts';

const FlowSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  activeVersion: Type.Union([Type.Integer(), Type.Null()]),
  latestVersion: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.String(),
});
export const VersionSummary = Type.Object({
  version: Type.Integer(),
  comment: Type.String(),
  hash: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
});
const FlowDetail = Type.Intersect([
  FlowSummary,
  Type.Object({ draft: Type.Record(Type.String(), Type.Unknown()), versions: Type.Array(VersionSummary) }),
]);
/** Drafts may be invalid, so the body is any JSON object; the shared validator reports its problems. */
const DefinitionBody = Type.Object({ definition: Type.Record(Type.String(), Type.Unknown()) });
// Versions are Postgres integers: a larger number can name no version, and is refused before any query.
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }), version: Version });

const RunRef = Type.Object({ runId: Type.String(), from: Type.Integer() });

export const ListFlowsSchema = {
  tags: ['flows'],
  response: withErrors({ 200: Type.Object({ items: Type.Array(FlowSummary) }) }),
} as const;

export const CreateFlowSchema = {
  tags: ['flows'],
  body: DefinitionBody,
  response: withErrors({ 201: FlowDetail }),
} as const;

export const GetFlowSchema = { tags: ['flows'], params: IdParams, response: withErrors({ 200: FlowDetail }) } as const;

export const SaveDraftSchema = {
  tags: ['flows'],
  params: IdParams,
  body: DefinitionBody,
  response: withErrors({ 200: Type.Object({ savedAt: Type.String(), problems: Type.Array(Problem) }) }),
} as const;

export const ValidateFlowSchema = {
  tags: ['flows'],
  body: DefinitionBody,
  response: withErrors({ 200: Type.Object({ problems: Type.Array(Problem) }) }),
} as const;

export const PublishFlowSchema = {
  tags: ['flows'],
  params: IdParams,
  body: Type.Object({
    comment: Type.String({ maxLength: 2000, default: '' }),
    definition: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
  response: withErrors({ 201: Type.Object({ version: Type.Integer(), hash: Type.String() }) }),
} as const;

export const GetVersionSchema = {
  tags: ['flows'],
  params: VersionParams,
  response: withErrors({
    200: Type.Intersect([VersionSummary, Type.Object({ definition: Type.Record(Type.String(), Type.Unknown()) })]),
  }),
} as const;

export const ActivateVersionSchema = {
  tags: ['flows'],
  params: VersionParams,
  response: withErrors({ 200: Type.Object({ activeVersion: Type.Integer() }) }),
} as const;

export const DuplicateFlowSchema = {
  tags: ['flows'],
  params: IdParams,
  response: withErrors({ 201: Type.Object({ id: Type.String() }) }),
} as const;

export const TestRunSchema = {
  tags: ['flows'],
  params: IdParams,
  body: Type.Object({
    input: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }),
  response: withErrors({ 201: Type.Object({ runId: Type.String(), workflowId: Type.String() }) }),
} as const;

/** What a version would change under an open task (OPEN_TASK_CHANGED): the run's version before, the target's after. */
const MigrationChange = Type.Object({
  nodeId: Type.String(),
  field: Type.Union([Type.Literal('outcomes'), Type.Literal('form')]),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const MigrateRunsSchema = {
  tags: ['flows'],
  description:
    "Moves the flow's parked runs onto a version. With dryRun nothing is applied: the report lists the runs that " +
    'would move (migrated) and those refused with the reason; applying refuses the same runs.',
  params: IdParams,
  body: Type.Object({ toVersion: Version, dryRun: Type.Optional(Type.Boolean({ default: false })) }),
  response: withErrors({
    200: Type.Object({
      toVersion: Type.Integer(),
      dryRun: Type.Boolean(),
      migrated: Type.Array(RunRef),
      notMigrated: Type.Array(
        Type.Intersect([
          RunRef,
          Type.Object({
            reason: Type.String(),
            code: Type.String(),
            changes: Type.Optional(Type.Array(MigrationChange)),
          }),
        ]),
      ),
    }),
  }),
} as const;

export const FlowStatsSchema = {
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
} as const;
