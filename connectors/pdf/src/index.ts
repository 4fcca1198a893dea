import { defineConnector } from '@ledgerflow/connector-sdk';
import { customerStatementAction } from './customer-statement.operation.ts';

export const connector = defineConnector({
  id: 'pdf',
  version: '0.1.0',
  title: 'PDF documents',
  description: 'Server-side PDF generation (customer statements).',
  translations: {
    fr: {
      title: 'Documents PDF',
      description: 'Génération de PDF côté serveur (relevés de compte clients).',
    },
  },
  actions: { customerStatement: customerStatementAction },
});

export { renderStatementPdf, renderStatement } from './statement-pdf.ts';
export {
  buildStatement,
  bucketOf,
  daysBetween,
  todayIn,
  StatementInputSchema,
  OpenItemSchema,
  PenaltyLineSchema,
  BUCKETS,
} from './statement-model.ts';
export type {
  StatementInput,
  OpenItem,
  PenaltyLine,
  StatementModel,
  StatementLine,
  CurrencySummary,
  Bucket,
} from './statement-model.ts';
export { formatDate } from './pdf-text.ts';
