import { Type } from '@sinclair/typebox';
import { IdParams, Ok, withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

/** What the API ever shows of a connection: never a secret, only the names of the secrets it holds. */
const ConnectionView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  connectorId: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  secretNames: Type.Array(Type.String()),
  keyId: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
/** The installed connectors are known at start: the document lists them, so a client sees the choice. */
const Body = (connectorIds: string[]) =>
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    connectorId: connectorIds.length
      ? Type.Unsafe<string>({ type: 'string', enum: connectorIds })
      : Type.String({ minLength: 1 }),
    config: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    secrets: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  });
const Patch = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    config: Type.Record(Type.String(), Type.Unknown()),
    secrets: Type.Record(Type.String(), Type.Unknown()),
  }),
);

const ConnectionFilters = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'text in the name or the connector id' })),
};
export const ListConnectionsSchema = {
  tags: ['connections'],
  querystring: Type.Object(ConnectionFilters),
  response: withErrors({ 200: Type.Object({ items: Type.Array(ConnectionView) }) }),
} as const;

export const ExportConnectionsSchema = {
  tags: ['connections'],
  summary: 'The connections list as CSV or XLSX, with the same filter (secrets never: only their names)',
  querystring: Type.Object({ ...ConnectionFilters, ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

/** A function of the installed connectors, which are known only once the registry is loaded. */
export const CreateConnectionSchema = (connectorIds: string[]) =>
  ({ tags: ['connections'], body: Body(connectorIds), response: withErrors({ 201: ConnectionView }) }) as const;

export const UpdateConnectionSchema = {
  tags: ['connections'],
  params: IdParams,
  body: Patch,
  response: withErrors({ 200: ConnectionView }),
} as const;

export const DeleteConnectionSchema = {
  tags: ['connections'],
  params: IdParams,
  response: withErrors({ 200: Ok }),
} as const;

export const TestConnectionSchema = {
  tags: ['connections'],
  params: IdParams,
  response: withErrors({
    200: Type.Object({
      ok: Type.Boolean(),
      message: Type.String(),
      code: Type.Optional(Type.String()),
      durationMs: Type.Number(),
    }),
  }),
} as const;

export const RotateKeysSchema = {
  tags: ['connections'],
  response: withErrors({ 200: Type.Object({ rotated: Type.Integer(), total: Type.Integer(), keyId: Type.String() }) }),
} as const;
