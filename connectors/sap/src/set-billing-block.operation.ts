import { Type } from '@sinclair/typebox';
import { sapAction } from './connection.ts';
import { patchCreditMemoRequest } from './credit-memo-request.ts';

export const setBillingBlockAction = sapAction({
  title: 'Set or clear the billing block of a credit memo request',
  description: 'Sets HeaderBillingBlockReason (e.g. "08" pending approval); null or "" clears it.',
  translations: {
    fr: {
      title: 'Poser ou lever le blocage de facturation d’une demande d’avoir',
      description:
        'Renseigne HeaderBillingBlockReason (par ex. « 08 » en attente d’approbation) ; null ou "" lève le blocage.',
      fields: {
        creditMemoRequest: { title: 'Demande d’avoir' },
        reason: { title: 'Motif de blocage' },
        etag: { title: 'Version (ETag)' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    creditMemoRequest: Type.String({ minLength: 1, maxLength: 10 }),
    reason: Type.Union([Type.String({ maxLength: 2 }), Type.Null()]),
    etag: Type.Optional(Type.String()),
  }),
  output: Type.Object({
    creditMemoRequest: Type.String(),
    billingBlockReason: Type.String(),
    etag: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const reason = input.reason ?? '';
    const r = await patchCreditMemoRequest(
      ctx,
      input.creditMemoRequest,
      { HeaderBillingBlockReason: reason },
      input.etag,
    );
    return { ...r, billingBlockReason: reason };
  },
});
