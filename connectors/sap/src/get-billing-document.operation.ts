import { Type } from '@sinclair/typebox';
import { BillingDocumentRecord, ENTITY_SET, SERVICE, toBillingDocument } from './billing-document.ts';
import { sapAction } from './connection.ts';
import { sapService } from './odata/client.ts';
import { keyPredicate, lit } from './odata/literals.ts';

export const getBillingDocumentAction = sapAction({
  title: 'Get a billing document',
  description: 'Reads one invoice or credit memo (A_BillingDocument), optionally with its items.',
  translations: {
    fr: {
      title: 'Lire un document de facturation',
      description: 'Lit une facture ou un avoir (A_BillingDocument), avec ses postes si demandé.',
      fields: {
        billingDocument: { title: 'Document de facturation' },
        withItems: { title: 'Avec les postes' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    billingDocument: Type.String({ minLength: 1, maxLength: 10 }),
    withItems: Type.Boolean({ default: false }),
  }),
  output: BillingDocumentRecord,
  async run(ctx, input) {
    const svc = sapService(ctx, SERVICE);
    const e = await svc.getEntity(
      `/${ENTITY_SET}${keyPredicate({ BillingDocument: lit.string(input.billingDocument) })}`,
      { expand: input.withItems ? ['to_Item'] : undefined },
      input.billingDocument,
    );
    return toBillingDocument(ctx, e);
  },
});
