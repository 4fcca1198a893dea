import { Type } from '@sinclair/typebox';
import { withErrors } from './common.schema.ts';

/** Text only: the HTML part of a message is never sent to the browser, so nothing from data renders as HTML. */
const SinkMessageView = Type.Object({
  id: Type.String(),
  receivedAt: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Array(Type.String()),
  subject: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(
    Type.Object({
      filename: Type.Union([Type.String(), Type.Null()]),
      contentType: Type.String(),
      size: Type.Integer(),
    }),
  ),
});

export const ListMailSchema = {
  tags: ['mail'],
  querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
  response: withErrors({ 200: Type.Object({ enabled: Type.Boolean(), items: Type.Array(SinkMessageView) }) }),
} as const;
