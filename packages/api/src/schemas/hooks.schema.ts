import { Type } from '@sinclair/typebox';
import { IdParams, withErrors } from './common.schema.ts';

export const HookHeaders = Type.Object({
  'x-ledgerflow-signature': Type.Optional(Type.String()),
  'x-ledgerflow-timestamp': Type.Optional(Type.String()),
  'x-ledgerflow-delivery': Type.Optional(Type.String()),
});
/** The body of a signed event, checked after the signature (the route's parser keeps the raw bytes). */
export const SignedEvent = Type.Object(
  {
    event: Type.String({ pattern: '^[a-z][a-zA-Z0-9_.-]*$', maxLength: 100 }),
    businessKey: Type.String({ minLength: 1, maxLength: 200 }),
    payload: Type.Optional(Type.Unknown()),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const WebhookInfoSchema = {
  tags: ['triggers'],
  params: IdParams,
  response: withErrors({ 200: Type.Object({ url: Type.String(), configured: Type.Boolean() }) }),
} as const;

export const RotateWebhookSchema = {
  tags: ['triggers'],
  params: IdParams,
  response: withErrors({
    201: Type.Object({ url: Type.String(), secret: Type.String(), signatureHeader: Type.String() }),
  }),
} as const;

export const HookStartRunSchema = {
  tags: ['triggers'],
  summary:
    'Start a run of a webhook flow; signed, each delivery once; ' +
    'an Idempotency-Key makes a retried start return the first run',
  params: IdParams,
  headers: Type.Intersect([
    HookHeaders,
    Type.Object({
      'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
    }),
  ]),
  response: withErrors(
    { 202: Type.Object({ runId: Type.String(), businessKey: Type.String() }) },
    [400, 401, 404, 409, 500, 503],
  ),
} as const;

export const HookEventSchema = {
  tags: ['triggers'],
  summary: 'Signed event for the running cases of this flow: body {event, businessKey, payload?, eventId?}',
  params: IdParams,
  headers: HookHeaders,
  response: withErrors({ 202: Type.Object({ delivered: Type.Array(Type.String()) }) }, [400, 401, 404, 409, 500, 503]),
} as const;
