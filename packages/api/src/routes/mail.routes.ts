import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { ListMailSchema } from '../schemas/mail.schema.ts';

export const mailRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  // The local SMTP sink of the start command: what the platform "sent", viewable without a mail client.
  app.get(
    '/api/mail',
    { onRequest: app.requireRole('process_owner', 'integrator', 'manager', 'collector'), schema: ListMailSchema },
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
