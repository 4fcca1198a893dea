import { defineConnector } from '@ledgerflow/connector-sdk';
import { sendEmailAction } from './send-email.operation.ts';
import { renderEmailAction } from './render-email.operation.ts';
import { sendPlainEmailAction } from './send-plain-email.operation.ts';
import { shippedLetters } from './shipped-letters.ts';
import { createTransport, EmailConfig, EmailSecrets, smtpError } from './smtp-transport.ts';

export const connector = defineConnector({
  id: 'email',
  version: '0.1.0',
  title: 'Email (SMTP)',
  description: 'Templated emails (dunning, task notices) in French and English, sent once per idempotency key.',
  translations: {
    fr: {
      title: 'E-mail (SMTP)',
      description:
        'E-mails à partir de modèles (relances, notifications de tâches) en français et en anglais, envoyés une seule fois par clé d’idempotence.',
      fields: {
        timeoutMs: { title: 'Délai d’attente (ms)' },
        tlsRejectUnauthorized: { title: 'Refuser les certificats non valides' },
        requireTLS: { title: 'Exiger STARTTLS' },
        port: { title: 'Port' },
        host: { title: 'Serveur SMTP' },
        user: { title: 'Utilisateur' },
        password: { title: 'Mot de passe' },
        secure: {
          title: 'TLS dès la connexion',
          description: 'TLS dès la connexion (port 465) ; sinon STARTTLS si le serveur le propose',
        },
        from: { title: 'Expéditeur', description: 'Expéditeur, par ex. "Service recouvrement <ar@example.com>"' },
        ignoreTLS: {
          title: 'Ne jamais utiliser STARTTLS',
          description: 'Ne jamais passer en STARTTLS (serveur de test local uniquement)',
        },
        maxAttachmentBytes: {
          title: 'Taille maximale des pièces jointes (octets)',
          description: 'Taille totale maximale des pièces jointes ; 10 Mo par défaut',
        },
      },
    },
  },
  connection: {
    config: EmailConfig,
    secrets: EmailSecrets,
    async test(ctx) {
      const t = createTransport(ctx.connection.config, ctx.connection.secrets);
      try {
        await t.verify();
        return { ok: true, message: `connected to ${ctx.connection.config.host}:${ctx.connection.config.port}` };
      } catch (err) {
        throw smtpError(err, 'testConnection', undefined);
      } finally {
        t.close();
      }
    },
  },
  actions: { send: sendEmailAction, sendPlain: sendPlainEmailAction, render: renderEmailAction },
  letters: () => shippedLetters(),
});

export { renderEmail, resolveTemplate, TEMPLATES_DIR } from './template-render.ts';
export { shippedLetters } from './shipped-letters.ts';
export type { TemplateRef, RenderedEmail } from './template-render.ts';
export { createTransport, messageIdFor, smtpError, EmailConfig, EmailSecrets } from './smtp-transport.ts';
