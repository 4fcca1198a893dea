import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';

export const logAction = defineAction({
  title: 'Log a message',
  description: 'Writes a message to the worker log and returns it; no external effect.',
  translations: {
    fr: {
      title: 'Journaliser un message',
      description: 'Écrit un message dans le journal du worker et le renvoie ; aucun effet externe.',
      fields: {
        message: { title: 'Message' },
        level: { title: 'Niveau' },
        data: { title: 'Données' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    message: Type.String(),
    level: Type.Optional(Type.Union([Type.Literal('info'), Type.Literal('warn')])),
    data: Type.Optional(Type.Unknown()),
  }),
  output: Type.Object({ logged: Type.Literal(true), message: Type.String(), at: Type.String({ format: 'date-time' }) }),
  async run(ctx, input) {
    ctx.logger[input.level ?? 'info']({ data: input.data, idempotencyKey: ctx.idempotencyKey }, input.message);
    return { logged: true as const, message: input.message, at: ctx.now().toISOString() };
  },
});
