import type { LedgerMapping } from '../schema/ledger-feed.schema.ts';

/**
 * Mapping defaults per connector feed, offered by the designer when a ledger feed picks one. The SAP cube's
 * document key is company code/year/document/item; its document types are the standard FI ones.
 */
export const LEDGER_MAPPING_PRESETS: Record<string, LedgerMapping> = {
  'sap:customerOpenItems': {
    fields: {
      customerId: 'customer',
      document: 'key',
      itemType: 'documentType',
      documentDate: 'documentDate',
      dueDate: 'netDueDate',
      amount: 'amount',
      openAmount: 'amount',
      customerName: 'customerName',
    },
    itemTypes: { DR: 'invoice', RV: 'invoice', DG: 'credit_note', DZ: 'payment', DA: 'payment' },
    defaultItemType: 'invoice',
  },
  'netsuite:openInvoices': {
    fields: {
      customerId: 'customerId',
      document: 'id',
      documentDate: 'tranDate',
      dueDate: 'dueDate',
      amount: 'total',
      openAmount: 'amountRemaining',
    },
    itemTypes: { CustInvc: 'invoice', CustCred: 'credit_note', CustPymt: 'payment' },
    defaultItemType: 'invoice',
  },
  // The Excel/CSV file feed's records carry the importer's field names (its column specs decide them).
  'excel:fileRecords': {
    fields: {
      customerId: 'customer',
      document: 'document',
      itemType: 'type',
      documentDate: 'documentDate',
      dueDate: 'dueDate',
      currency: 'currency',
      amount: 'amount',
      openAmount: 'openAmount',
      disputed: 'disputed',
      customerName: 'customerName',
    },
    itemTypes: { invoice: 'invoice', credit_note: 'credit_note', payment: 'payment', FA: 'invoice', AV: 'credit_note' },
    defaultItemType: 'invoice',
  },
};
