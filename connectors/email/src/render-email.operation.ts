import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import { ConnectorError } from '@ledgerflow/flow-model';
import { renderEmail, TemplateError } from './template-render.ts';
import type { EmailConfig, EmailSecrets } from './smtp-transport.ts';

const RenderInput = Type.Object({
  template: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'e.g. dunning-customer-1' }),
  language: Type.String({ default: 'en', description: 'fr or en; others fall back to en' }),
  tone: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })),
  data: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  lenient: Type.Optional(
    Type.Boolean({
      description: 'A preview: list the variables the letter uses and those the data lacks instead of failing',
    }),
  ),
});

const RenderOutput = Type.Object({
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  template: Type.String(),
  language: Type.String(),
  languageFallback: Type.Boolean(),
  variables: Type.Optional(Type.Array(Type.String())),
  missing: Type.Optional(Type.Array(Type.String())),
  renderError: Type.Optional(Type.String()),
});

/** What a letter will say, for a reviewer's preview: rendered exactly as `send` would, and sent nowhere. */
export const renderEmailAction = defineAction<
  typeof RenderInput,
  typeof RenderOutput,
  typeof EmailConfig,
  typeof EmailSecrets
>({
  title: 'Preview an email template',
  description: 'Renders a fr/en template with the given data (subject, text and HTML) without sending anything.',
  translations: {
    fr: {
      title: 'Aperçu d’un modèle d’e-mail',
      description: 'Met en forme un modèle fr/en avec les données fournies (objet, texte et HTML) sans rien envoyer.',
      fields: {
        data: { title: 'Données de la lettre' },
        tone: { title: 'Ton' },
        template: { title: 'Modèle de lettre', description: 'Par ex. dunning-customer-1' },
        language: { title: 'Langue', description: 'fr ou en ; toute autre valeur utilise en' },
        lenient: {
          title: 'Aperçu tolérant',
          description: 'Aperçu : liste les variables utilisées et celles qui manquent au lieu d’échouer',
        },
      },
    },
  },
  idempotent: true,
  input: RenderInput,
  output: RenderOutput,
  async run(ctx, input) {
    try {
      return await renderEmail({ template: input.template, language: input.language, tone: input.tone }, input.data, {
        source: ctx.templates,
        lenient: input.lenient,
      });
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      throw new ConnectorError({
        connector: 'email',
        action: ctx.operation,
        record: input.template,
        code: err.code,
        message: err.message,
        retryable: false,
        status: 400,
        cause: err,
      });
    }
  },
});
