import { Type } from '@sinclair/typebox';
import { withErrors } from './common.schema.ts';
import { Version, VersionSummary } from './flows.schema.ts';

/** An absent `before` or `after` means the field did not exist on that side. */
const FieldChange = Type.Object({
  path: Type.String({
    description: 'JSON pointer, relative to the node (node fields) or the definition (flow fields)',
  }),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
});
const NodeRef = Type.Object({ id: Type.String(), kind: Type.String(), label: Type.Optional(Type.String()) });
const EdgeRef = Type.Object({ source: Type.String(), target: Type.String(), sourceHandle: Type.String() });

export const FlowVersionDiff = Type.Object({
  nodesAdded: Type.Array(NodeRef),
  nodesRemoved: Type.Array(NodeRef),
  nodesChanged: Type.Array(Type.Intersect([NodeRef, Type.Object({ fields: Type.Array(FieldChange) })])),
  edgesAdded: Type.Array(EdgeRef),
  edgesRemoved: Type.Array(EdgeRef),
  flowFields: Type.Array(FieldChange),
  triggersChanged: Type.Array(Type.String()),
  unchanged: Type.Boolean(),
});

export const VersionDiffSchema = {
  tags: ['flows'],
  params: Type.Object({ id: Type.String({ format: 'uuid' }), a: Version, b: Version }),
  response: withErrors({
    200: Type.Object({ flowId: Type.String(), from: VersionSummary, to: VersionSummary, diff: FlowVersionDiff }),
  }),
} as const;
