import { Type } from '@sinclair/typebox';
import { sapAction } from './connection.ts';
import { patchCreditMemoRequest } from './credit-memo-request.ts';

export const updateCreditMemoRequestAction = sapAction({
  title: 'Update a credit memo request',
  description:
    'Changes header fields of a credit memo request (PATCH with If-Match). Decimals as strings, dates as ISO strings.',
  translations: {
    fr: {
      title: 'Modifier une demande d’avoir',
      description:
        'Modifie des champs d’en-tête d’une demande d’avoir (PATCH avec If-Match). Décimaux en chaînes, dates en chaînes ISO.',
      fields: {
        fields: { title: 'Champs à modifier' },
        creditMemoRequest: { title: 'Demande d’avoir' },
        etag: {
          title: 'Version (ETag)',
          description: 'ETag obtenu à la lecture du document ; laisser vide pour utiliser l’ETag actuel',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    creditMemoRequest: Type.String({ minLength: 1, maxLength: 10 }),
    fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean(), Type.Null()])),
    etag: Type.Optional(
      Type.String({ description: 'ETag from when the document was read; omit to use the current one' }),
    ),
  }),
  output: Type.Object({ creditMemoRequest: Type.String(), etag: Type.Optional(Type.String()) }),
  async run(ctx, input) {
    return patchCreditMemoRequest(ctx, input.creditMemoRequest, input.fields, input.etag);
  },
});
