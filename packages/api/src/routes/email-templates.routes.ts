import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { installLetterTemplates } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import {
  CreateEmailTemplateSchema,
  ExportEmailTemplatesSchema,
  GetEmailTemplateSchema,
  ListEmailTemplatesSchema,
  PreviewEmailTemplateSchema,
  PublishEmailTemplateSchema,
  SaveEmailTemplateDraftSchema,
} from '../schemas/email-templates.schema.ts';
import { EmailTemplateService } from '../services/email-template.service.ts';
import { exportLetters } from '../services/email-template-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';

/** Letters are the process owners' (and integrators', who wire them into flows). */
export const emailTemplateRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  // Letters the API renders without naming a source (the dunning preview) are the published ones too, while the
  // app (and its database) lives.
  const uninstall = installLetterTemplates(deps.orm, deps.registry);
  app.addHook('onClose', async () => uninstall());
  const letters = new EmailTemplateService(deps);
  const edit = { onRequest: app.requireRole('process_owner', 'integrator') };
  app.get('/api/email-templates', { ...edit, schema: ListEmailTemplatesSchema }, async (req) =>
    letters.list(req.query),
  );
  app.get('/api/email-templates/export', { ...edit, schema: ExportEmailTemplatesSchema }, async (req, reply) => {
    const { format, ...filter } = req.query;
    return sendExport(reply, stampedName('letters'), format, await exportLetters(letters, filter, format));
  });
  app.post('/api/email-templates', { ...edit, schema: CreateEmailTemplateSchema }, async (req, reply) =>
    reply.code(201).send(await letters.create(req, req.body)),
  );
  app.get('/api/email-templates/:id', { ...edit, schema: GetEmailTemplateSchema }, async (req) =>
    letters.get(req.params.id),
  );
  app.put('/api/email-templates/:id/draft', { ...edit, schema: SaveEmailTemplateDraftSchema }, async (req) =>
    letters.saveDraft(req.params.id, req.body, req.user!.id),
  );
  app.post('/api/email-templates/:id/preview', { ...edit, schema: PreviewEmailTemplateSchema }, async (req) =>
    letters.preview(req, req.params.id, req.body, req.query),
  );
  app.post('/api/email-templates/:id/publish', { ...edit, schema: PublishEmailTemplateSchema }, async (req) =>
    letters.publish(req, req.params.id, req.body.comment ?? ''),
  );
};
