import { Type } from '@sinclair/typebox';
import { AUDIT_ACTIONS } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const AuditActionSchema = Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)));

const AuditFilters = {
  action: Type.Optional(AuditActionSchema),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'user name, part of it, any case' })),
  targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  actorId: Nullable(Type.String()),
  actorUsername: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const ListAuditSchema = {
  tags: ['audit'],
  summary: 'The audit log, newest first (admins)',
  querystring: Type.Object({
    ...AuditFilters,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  }),
  response: withErrors({ 200: Type.Object({ items: Type.Array(AuditEntrySchema), total: Type.Integer() }) }),
} as const;

export const ExportAuditSchema = {
  tags: ['audit'],
  summary: 'The filtered audit log as CSV or XLSX, streamed (admins); formula-like cells start with an apostrophe',
  querystring: Type.Object({ ...AuditFilters, ...ExportFormatQuery }),
  response: withErrors({
    200: ExportFile,
  }),
} as const;

const Step = {
  at: Type.String({ format: 'date-time' }),
  seq: Type.Integer(),
  nodeId: Nullable(Type.String()),
  nodeLabel: Nullable(Type.String({ description: "the node's label in the run's flow version (its id without one)" })),
};
const ChainStepSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('version'),
    at: Type.String({ format: 'date-time' }),
    flowId: Type.String(),
    flowName: Nullable(Type.String()),
    version: Type.Integer({ description: '0 for a test run of the draft' }),
    hash: Nullable(Type.String()),
    comment: Nullable(Type.String()),
    publishedBy: Nullable(Type.String()),
  }),
  Type.Object({
    kind: Type.Literal('decision'),
    ...Step,
    outcome: Type.String(),
    matched: Type.Array(Type.String(), { description: 'the outcomes whose rule held' }),
    trace: Type.Unknown(),
  }),
  Type.Object({
    kind: Type.Literal('approval'),
    ...Step,
    taskId: Type.String(),
    title: Nullable(Type.String()),
    status: Type.String(),
    outcome: Nullable(Type.String()),
    by: Nullable(Type.String()),
    byId: Nullable(Type.String()),
  }),
  Type.Object({
    kind: Type.Literal('erp_write'),
    ...Step,
    connector: Type.String(),
    action: Type.String(),
    idempotencyKey: Type.String(),
    ok: Type.Boolean(),
    result: Type.Unknown(),
    error: Nullable(Type.String()),
  }),
]);

export const RunAuditChainSchema = {
  tags: ['runs', 'audit'],
  summary: "A case's audit chain: rule version, decisions, approvals, ERP writes (whoever may read the run)",
  params: Type.Object({ runId: Type.String({ format: 'uuid' }) }),
  response: withErrors({
    200: Type.Object({
      runId: Type.String(),
      workflowId: Type.String(),
      businessKey: Type.String(),
      status: Type.String(),
      outcome: Nullable(Type.String()),
      steps: Type.Array(ChainStepSchema),
    }),
  }),
} as const;

export const CustomerCasesSchema = {
  tags: ['customers', 'audit'],
  summary:
    "A customer's cases (runs holding the customer's tasks), each with its audit chain at /api/runs/{runId}/audit-chain",
  params: Type.Object({ customer: Type.String({ minLength: 1, maxLength: 200 }) }),
  response: withErrors({
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          runId: Type.String(),
          businessKey: Type.String(),
          flowId: Type.String(),
          flowName: Type.String(),
          version: Type.Integer(),
          status: Type.String(),
          outcome: Nullable(Type.String()),
          startedAt: Type.String({ format: 'date-time' }),
          endedAt: Nullable(Type.String({ format: 'date-time' })),
        }),
      ),
    }),
  }),
} as const;
