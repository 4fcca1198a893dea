import { Type } from '@sinclair/typebox';
import { BillingDocumentRecord, ENTITY_SET, SERVICE, toBillingDocument } from './billing-document.ts';
import { sapAction } from './connection.ts';
import { sapService } from './odata/client.ts';
import { and, cmp, filterText, lit } from './odata/literals.ts';

export const listBillingDocumentsAction = sapAction({
  title: 'List billing documents',
  description:
    'Invoices and credit memos by customer, company code and date range; one page per call (pass nextSkip back as skip).',
  translations: {
    fr: {
      title: 'Lister les documents de facturation',
      description:
        'Factures et avoirs par client, société et période ; une page par appel (repasser nextSkip comme skip).',
      fields: {
        skip: { title: 'Ignorer les premiers' },
        top: { title: 'Nombre maximal' },
        includeCancelled: { title: 'Inclure les documents annulés' },
        companyCode: { title: 'Société' },
        payerParty: { title: 'Payeur' },
        soldToParty: { title: 'Donneur d’ordre' },
        billingDocumentType: { title: 'Type de document de facturation', description: 'Par ex. F2 facture, G2 avoir' },
        fromDate: { title: 'Du', description: 'Date de facturation (BillingDocumentDate) de début, au format ISO' },
        toDate: {
          title: 'Au',
          description: 'Date de facturation (BillingDocumentDate) de fin, incluse, au format ISO',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    soldToParty: Type.Optional(Type.String()),
    payerParty: Type.Optional(Type.String()),
    companyCode: Type.Optional(Type.String()),
    billingDocumentType: Type.Optional(Type.String({ description: 'e.g. F2 invoice, G2 credit memo' })),
    fromDate: Type.Optional(Type.String({ description: 'BillingDocumentDate from (ISO)' })),
    toDate: Type.Optional(Type.String({ description: 'BillingDocumentDate to (ISO, inclusive)' })),
    includeCancelled: Type.Boolean({ default: false }),
    top: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    skip: Type.Integer({ minimum: 0, default: 0 }),
  }),
  output: Type.Object({
    results: Type.Array(BillingDocumentRecord),
    count: Type.Optional(Type.Integer()),
    nextSkip: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const svc = sapService(ctx, SERVICE);
    const filter = and(
      input.soldToParty !== undefined && cmp('SoldToParty', 'eq', lit.string(input.soldToParty)),
      input.payerParty !== undefined && cmp('PayerParty', 'eq', lit.string(input.payerParty)),
      input.companyCode !== undefined && cmp('CompanyCode', 'eq', lit.string(input.companyCode)),
      input.billingDocumentType !== undefined &&
        cmp('BillingDocumentType', 'eq', lit.string(input.billingDocumentType)),
      input.fromDate !== undefined && cmp('BillingDocumentDate', 'ge', lit.datetime(input.fromDate)),
      input.toDate !== undefined && cmp('BillingDocumentDate', 'le', lit.datetime(input.toDate)),
      !input.includeCancelled && cmp('BillingDocumentIsCancelled', 'eq', lit.bool(false)),
    );
    const page = await svc.list(ENTITY_SET, {
      filter: filterText(filter),
      orderby: 'BillingDocument asc',
      top: input.top,
      skip: input.skip,
      inlinecount: true,
    });
    const results = page.results.map((e) => toBillingDocument(ctx, e));
    const end = input.skip + results.length;
    const more = page.count !== undefined ? end < page.count : results.length === input.top;
    return { results, count: page.count, nextSkip: more ? end : undefined };
  },
});
