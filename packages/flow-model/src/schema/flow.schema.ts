import { Type, type Static } from '@sinclair/typebox';
import { NodeId, VariableDecl } from './common.schema.ts';
import { FlowNode } from './node.schema.ts';

export const FlowEdge = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  source: NodeId,
  target: NodeId,
  /** Outcome or reserved handle (next, error, timeout, expired); absent means next. */
  sourceHandle: Type.Optional(Type.String({ maxLength: 64 })),
});
export type FlowEdge = Static<typeof FlowEdge>;

export const FlowSettings = Type.Object({
  timezone: Type.String({ default: 'Europe/Paris' }),
  /** date-holidays country (and optional state), e.g. FR, DE-BY */
  calendar: Type.String({ default: 'FR' }),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  /**
   * How long an action keeps retrying when our platform or the target is unreachable (database, connector
   * down, worker died) before the run takes its error edge or waits for a person. Business errors use the
   * node's own retry policy instead. Default 15.
   */
  platformRetryMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
});
export type FlowSettings = Static<typeof FlowSettings>;

/** The saved shape of a flow: what the designer writes and the interpreter runs. */
export const FlowDefinition = Type.Object({
  schemaVersion: Type.Literal(1),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  settings: Type.Optional(FlowSettings),
  /** Input variables of a run. */
  variables: Type.Array(VariableDecl, { default: [] }),
  nodes: Type.Array(FlowNode, { maxItems: 5000 }),
  edges: Type.Array(FlowEdge, { maxItems: 20000 }),
  /** What only the designer reads: the sample variables its previews use. Runs ignore it. */
  designer: Type.Optional(Type.Object({ sampleData: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
});
export type FlowDefinition = Static<typeof FlowDefinition>;
