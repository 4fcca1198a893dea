import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { withErrors } from '../schemas/common.schema.ts';

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

export const mailRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  // The local SMTP sink of the start command: what the platform "sent", viewable without a mail client.
  app.get(
    '/api/mail',
    {
      preHandler: app.requireRole('process_owner', 'integrator', 'manager', 'collector'),
      schema: {
        tags: ['mail'],
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
        response: withErrors({ 200: Type.Object({ enabled: Type.Boolean(), items: Type.Array(SinkMessageView) }) }),
      },
    },
    async (req) => {
      if (!deps.mailSink) return { enabled: false, items: [] };
      const items = deps.mailSink
        .list()
        .slice(-req.query.limit)
        .reverse()
        .map((m) => ({
          id: m.id,
          receivedAt: m.receivedAt,
          from: m.from ?? null,
          to: m.to,
          subject: m.subject ?? null,
          text: m.text ?? null,
          messageId: m.messageId ?? null,
          attachments: m.attachments.map((a) => ({
            filename: a.filename ?? null,
            contentType: a.contentType,
            size: a.size,
          })),
        }));
      return { enabled: true, items };
    },
  );
};
