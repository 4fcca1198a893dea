import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { receiveMail } from '../services/mail-in.service.ts';

/**
 * Mail-in for file feeds: the platform's SMTP receiver hands each message to the API. On the embedded default
 * that receiver is the local SMTP sink the start command (and the test harness) gives the app.
 */
export const mailInPlugin = fp(async function mailInPlugin(app: FastifyInstance, deps: AppDeps) {
  const sink = deps.mailSink;
  if (!sink?.setReceiver) return;
  sink.setReceiver((m, attachments) => receiveMail(deps, m, attachments));
  app.addHook('onClose', async () => sink.setReceiver?.(undefined));
});
