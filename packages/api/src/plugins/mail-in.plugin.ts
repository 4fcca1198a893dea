import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { receiveMail } from '../services/mail-in.service.ts';
import { startMailInReceiver, type MailInReceiver } from '../services/mail-in-receiver.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The production SMTP receiver, when LEDGERFLOW_MAILIN_PORT is set (its port: 0 picks a free one). */
    mailInReceiver: MailInReceiver | null;
  }
}

/**
 * Mail-in for file feeds: the platform's SMTP receiver hands each message to receiveMail. In production that is the
 * API's own receiver (LEDGERFLOW_MAILIN_PORT); on the embedded default it is the local SMTP sink the start command
 * (and the test harness) gives the app. Both take the same path.
 */
export const mailInPlugin = fp(async function mailInPlugin(app: FastifyInstance, deps: AppDeps) {
  const receiver = deps.env.LEDGERFLOW_MAILIN_PORT === undefined ? null : await startMailInReceiver(deps, app.log);
  app.decorate('mailInReceiver', receiver);
  if (receiver) {
    app.log.info(
      `mail-in: SMTP receiver on ${receiver.host}:${receiver.port} for @${deps.env.LEDGERFLOW_MAILIN_DOMAIN}`,
    );
    app.addHook('onClose', async () => receiver.close());
  }
  const sink = deps.mailSink;
  if (!sink?.setReceiver) return;
  sink.setReceiver((m, attachments) => receiveMail(deps, m, attachments));
  app.addHook('onClose', async () => sink.setReceiver?.(undefined));
});
