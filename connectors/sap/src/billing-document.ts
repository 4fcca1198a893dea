import { Type, type Static } from '@sinclair/typebox';
import type { SapContext } from './odata/auth.ts';
import type { ODataRecord } from './odata/json.ts';
import { Decimal, IsoDate, MoneySchema, decimal, money, str } from './shared.ts';

export const SERVICE = 'API_BILLING_DOCUMENT_SRV';
export const ENTITY_SET = 'A_BillingDocument';

export const BillingDocumentRecord = Type.Object({
  billingDocument: Type.String(),
  type: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  billingDocumentDate: Type.Optional(IsoDate),
  creationDate: Type.Optional(IsoDate),
  lastChangeDateTime: Type.Optional(IsoDate),
  soldToParty: Type.Optional(Type.String()),
  payerParty: Type.Optional(Type.String()),
  companyCode: Type.Optional(Type.String()),
  fiscalYear: Type.Optional(Type.String()),
  accountingDocument: Type.Optional(Type.String()),
  isCancelled: Type.Optional(Type.Boolean()),
  totalNetAmount: Type.Optional(MoneySchema),
  taxAmount: Type.Optional(MoneySchema),
  totalGrossAmount: Type.Optional(MoneySchema),
  paymentTerms: Type.Optional(Type.String()),
  dunningBlockingReason: Type.Optional(Type.String()),
  items: Type.Optional(
    Type.Array(
      Type.Object({
        billingDocumentItem: Type.String(),
        material: Type.Optional(Type.String()),
        text: Type.Optional(Type.String()),
        quantity: Type.Optional(Decimal),
        netAmount: Type.Optional(MoneySchema),
      }),
    ),
  ),
});
export type BillingDocumentRecord = Static<typeof BillingDocumentRecord>;

export function toBillingDocument(ctx: SapContext, e: ODataRecord): BillingDocumentRecord {
  const id = String(e.BillingDocument);
  const cur = e.TransactionCurrency;
  return {
    billingDocument: id,
    type: str(e.BillingDocumentType),
    category: str(e.BillingDocumentCategory),
    billingDocumentDate: str(e.BillingDocumentDate),
    creationDate: str(e.CreationDate),
    lastChangeDateTime: str(e.LastChangeDateTime),
    soldToParty: str(e.SoldToParty),
    payerParty: str(e.PayerParty),
    companyCode: str(e.CompanyCode),
    fiscalYear: str(e.FiscalYear),
    accountingDocument: str(e.AccountingDocument),
    isCancelled: typeof e.BillingDocumentIsCancelled === 'boolean' ? e.BillingDocumentIsCancelled : undefined,
    totalNetAmount: money(ctx, e.TotalNetAmount, cur, id, 'TotalNetAmount'),
    taxAmount: money(ctx, e.TaxAmount, cur, id, 'TaxAmount'),
    totalGrossAmount: money(ctx, e.TotalGrossAmount, cur, id, 'TotalGrossAmount'),
    paymentTerms: str(e.CustomerPaymentTerms),
    dunningBlockingReason: str(e.DunningBlockingReason),
    items: Array.isArray(e.to_Item)
      ? (e.to_Item as ODataRecord[]).map((i) => ({
          billingDocumentItem: String(i.BillingDocumentItem),
          material: str(i.Material),
          text: str(i.BillingDocumentItemText),
          quantity: decimal(ctx, i.BillingQuantity, id, 'BillingQuantity'),
          netAmount: money(ctx, i.NetAmount, i.TransactionCurrency ?? cur, id, 'NetAmount'),
        }))
      : undefined,
  };
}
