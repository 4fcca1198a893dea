import { Type } from '@sinclair/typebox';
import { ConnectorError, defineAction } from '@ledgerflow/connector-sdk';

/** Test action that fails, retryably or not: exercises error edges, retries and "needs attention". */
export const failAction = defineAction({
  title: 'Fail (test)',
  translations: {
    fr: {
      title: 'Échec volontaire (test)',
      fields: {
        message: { title: 'Message' },
        retryable: { title: 'Peut être réessayé' },
        record: { title: 'Enregistrement concerné' },
      },
    },
  },
  input: Type.Object({
    message: Type.Optional(Type.String()),
    retryable: Type.Optional(Type.Boolean()),
    record: Type.Optional(Type.String()),
  }),
  output: Type.Object({}),
  async run(ctx, input): Promise<Record<string, never>> {
    throw new ConnectorError({
      connector: ctx.connectorId,
      action: ctx.operation,
      record: input.record,
      code: 'TEST_FAILURE',
      message: input.message ?? 'failed on purpose',
      retryable: input.retryable ?? false,
    });
  },
});
