import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import { ConnectorError, Money } from '@ledgerflow/flow-model';
import { StatementInputSchema } from './statement-model.ts';
import { renderStatement } from './statement-pdf.ts';

export const customerStatementAction = defineAction({
  title: 'Customer statement (PDF)',
  description:
    'Open items, totals per currency and aging buckets relative to the statement date, in French or English.',
  translations: {
    fr: {
      title: 'Relevé de compte client (PDF)',
      description:
        'Postes ouverts, totaux par devise et tranches d’ancienneté par rapport à la date du relevé, en français ou en anglais.',
      fields: {
        penalties: { title: 'Pénalités' },
        openItems: { title: 'Postes ouverts' },
        company: { title: 'Société émettrice' },
        customer: { title: 'Client' },
        statementDate: { title: 'Date du relevé', description: 'AAAA-MM-JJ' },
        timezone: {
          title: 'Fuseau horaire',
          description: 'Fuseau horaire IANA : détermine « aujourd’hui » quand statementDate est absent',
        },
      },
    },
  },
  idempotent: true,
  input: StatementInputSchema,
  output: Type.Object({
    filename: Type.String(),
    contentType: Type.Literal('application/pdf'),
    size: Type.Integer(),
    pageCount: Type.Integer(),
    base64: Type.String(),
    statementDate: Type.String(),
    totals: Type.Array(Money),
  }),
  async run(ctx, input) {
    try {
      Intl.DateTimeFormat(undefined, { timeZone: input.timezone });
    } catch {
      throw new ConnectorError({
        connector: 'pdf',
        action: ctx.operation,
        record: input.customer.number,
        code: 'PDF_INPUT_INVALID',
        message: `unknown time zone '${input.timezone}'`,
        retryable: false,
        status: 400,
      });
    }
    const { bytes, pageCount, model } = await renderStatement(input, ctx.now());
    const safeNumber = input.customer.number.replace(/[^\w.-]+/g, '_');
    return {
      filename: `statement-${safeNumber}-${model.statementDate}.pdf`,
      contentType: 'application/pdf' as const,
      size: bytes.byteLength,
      pageCount,
      base64: Buffer.from(bytes).toString('base64'),
      statementDate: model.statementDate,
      totals: model.byCurrency.map((c) => ({ currency: c.currency, amount: c.total })),
    };
  },
});
