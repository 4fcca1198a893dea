import { Type, type Static } from '@sinclair/typebox';
import type { SapContext } from './odata/auth.ts';
import type { ODataRecord } from './odata/json.ts';
import { and, cmp, lit, type Expr } from './odata/literals.ts';
import { IsoDate, MoneySchema, money, str } from './shared.ts';

export const SERVICE = 'API_OPLACCTGDOCITEMCUBE_SRV';
export const ENTITY_SET = 'A_OperationalAcctgDocItemCube';

// Only what dunning needs: the cube has ~300 columns and $select keeps pages small.
export const OPEN_ITEM_SELECT = [
  'CompanyCode',
  'FiscalYear',
  'AccountingDocument',
  'AccountingDocumentItem',
  'Customer',
  'CustomerName',
  'AccountingDocumentType',
  'DocumentReferenceID',
  'BillingDocument',
  'PostingDate',
  'DocumentDate',
  'NetDueDate',
  'DunningLevel',
  'DunningBlockingReason',
  'LastDunningDate',
  'DunningArea',
  'DunningKey',
  'PaymentTerms',
  'PaymentBlockingReason',
  'DebitCreditCode',
  'AmountInTransactionCurrency',
  'TransactionCurrency',
  'AmountInCompanyCodeCurrency',
  'CompanyCodeCurrency',
];
export const OPEN_ITEM_ORDER = 'CompanyCode asc,FiscalYear asc,AccountingDocument asc,AccountingDocumentItem asc';

export const OpenItemRecord = Type.Object({
  key: Type.String({ description: 'CompanyCode/FiscalYear/AccountingDocument/AccountingDocumentItem' }),
  companyCode: Type.String(),
  fiscalYear: Type.String(),
  accountingDocument: Type.String(),
  accountingDocumentItem: Type.String(),
  customer: Type.Optional(Type.String()),
  customerName: Type.Optional(Type.String()),
  documentType: Type.Optional(Type.String()),
  reference: Type.Optional(Type.String()),
  billingDocument: Type.Optional(Type.String()),
  postingDate: Type.Optional(IsoDate),
  documentDate: Type.Optional(IsoDate),
  netDueDate: Type.Optional(IsoDate),
  daysOverdue: Type.Optional(Type.Integer()),
  dunningLevel: Type.Optional(Type.String()),
  dunningBlock: Type.Optional(Type.String()),
  lastDunningDate: Type.Optional(IsoDate),
  dunningArea: Type.Optional(Type.String()),
  paymentTerms: Type.Optional(Type.String()),
  paymentBlock: Type.Optional(Type.String()),
  debitCredit: Type.Optional(Type.String()),
  amount: MoneySchema,
  amountInCompanyCodeCurrency: Type.Optional(MoneySchema),
});
export type OpenItemRecord = Static<typeof OpenItemRecord>;

export const OpenItemFilter = {
  customer: Type.Optional(Type.String({ description: 'Customer number; omit for all customers' })),
  customerName: Type.Optional(Type.String()),
  companyCode: Type.Optional(Type.String()),
  dueBefore: Type.Optional(
    Type.String({ description: 'Only items with NetDueDate before this ISO date (overdue items)' }),
  ),
};

export function openItemFilter(q: {
  customer?: string;
  customerName?: string;
  companyCode?: string;
  dueBefore?: string;
}): Expr | undefined {
  return and(
    cmp('IsCleared', 'eq', lit.bool(false)),
    q.customer !== undefined && cmp('Customer', 'eq', lit.string(q.customer)),
    q.customerName !== undefined && cmp('CustomerName', 'eq', lit.string(q.customerName)),
    q.companyCode !== undefined && cmp('CompanyCode', 'eq', lit.string(q.companyCode)),
    q.dueBefore !== undefined && cmp('NetDueDate', 'lt', lit.datetime(q.dueBefore)),
  );
}

const DAY = 86_400_000;

export function toOpenItem(ctx: SapContext, e: ODataRecord): OpenItemRecord {
  const key = `${e.CompanyCode}/${e.FiscalYear}/${e.AccountingDocument}/${e.AccountingDocumentItem}`;
  const due = str(e.NetDueDate);
  const today = Math.floor(ctx.now().getTime() / DAY);
  return {
    key,
    companyCode: String(e.CompanyCode),
    fiscalYear: String(e.FiscalYear),
    accountingDocument: String(e.AccountingDocument),
    accountingDocumentItem: String(e.AccountingDocumentItem),
    customer: str(e.Customer),
    customerName: str(e.CustomerName),
    documentType: str(e.AccountingDocumentType),
    reference: str(e.DocumentReferenceID),
    billingDocument: str(e.BillingDocument),
    postingDate: str(e.PostingDate),
    documentDate: str(e.DocumentDate),
    netDueDate: due,
    daysOverdue: due ? Math.max(0, today - Math.floor(Date.parse(due) / DAY)) : undefined,
    dunningLevel: str(e.DunningLevel),
    dunningBlock: str(e.DunningBlockingReason),
    lastDunningDate: str(e.LastDunningDate),
    dunningArea: str(e.DunningArea),
    paymentTerms: str(e.PaymentTerms),
    paymentBlock: str(e.PaymentBlockingReason),
    debitCredit: str(e.DebitCreditCode),
    amount: money(
      ctx,
      e.AmountInTransactionCurrency ?? '0',
      e.TransactionCurrency,
      key,
      'AmountInTransactionCurrency',
    )!,
    amountInCompanyCodeCurrency: money(
      ctx,
      e.AmountInCompanyCodeCurrency,
      e.CompanyCodeCurrency,
      key,
      'AmountInCompanyCodeCurrency',
    ),
  };
}
