import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** The one error shape of every 4xx and 5xx. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String({ examples: ['FLOW_INVALID'] }),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorResponse', description: 'Error' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

const ref = Type.Ref('ErrorResponse');

/** Standard error responses merged into every route's `response` schema. */
export function withErrors<T extends Record<number, TSchema>>(ok: T, codes: number[] = [400, 401, 403, 404, 409, 500]) {
  const out: Record<number, TSchema> = { ...ok };
  for (const c of codes) out[c] = ref;
  return out as T & Record<number, TSchema>;
}

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const Problem = Type.Object({
  path: Type.String(),
  message: Type.String(),
  code: Type.String(),
  nodeId: Type.Optional(Type.String()),
  edgeId: Type.Optional(Type.String()),
});
export const Ok = Type.Object({ ok: Type.Literal(true) });
