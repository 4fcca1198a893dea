/** Generated entity data in the shapes the EDMX declares (v2 JSON: dates as /Date(ms)/, decimals as strings). */
const d = (iso: string) => `/Date(${Date.parse(iso)})/`;
// The mock only compares `/Date(ms)/`; the test gateway adds the `+0000` zone S/4HANA writes for DateTimeOffset.
const dto = (iso: string) => `/Date(${Date.parse(iso)})/`;

export function openItems(
  n: number,
  opts: { customers?: string[]; startDue?: string } = {},
): Array<Record<string, unknown>> {
  const customers = opts.customers ?? ['17100001', '17100002', '17100003'];
  const start = Date.parse(opts.startDue ?? '2024-01-01T00:00:00Z');
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < n; i++) {
    const customer = customers[i % customers.length]!;
    const cents = (i * 7919) % 1_000_000;
    out.push({
      CompanyCode: i % 5 === 0 ? '1710' : '1010',
      FiscalYear: '2024',
      AccountingDocument: String(1800000000 + i),
      AccountingDocumentItem: '001',
      Customer: customer,
      CustomerName: customer === '17100002' ? "O'Brien & Sons" : `Customer ${customer}`,
      AccountingDocumentType: 'RV',
      DocumentReferenceID: `INV-${i}`,
      BillingDocument: String(90000000 + i),
      PostingDate: d(new Date(start + (i % 90) * 86_400_000).toISOString()),
      DocumentDate: d(new Date(start + (i % 90) * 86_400_000).toISOString()),
      NetDueDate: d(new Date(start + ((i % 90) + 30) * 86_400_000).toISOString()),
      DunningLevel: String(i % 4),
      DunningBlockingReason: i % 11 === 0 ? 'A' : '',
      DunningArea: '',
      PaymentTerms: '0001',
      PaymentBlockingReason: '',
      DebitCreditCode: 'S',
      // Some as JSON numbers: the gateway must still hand them out as exact strings.
      AmountInTransactionCurrency:
        i % 2
          ? Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`)
          : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      TransactionCurrency: i % 3 === 0 ? 'USD' : 'EUR',
      AmountInCompanyCodeCurrency: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      CompanyCodeCurrency: 'EUR',
      IsCleared: i % 10 === 9,
    });
  }
  return out;
}

export function creditMemoRequests(n: number): {
  headers: Array<Record<string, unknown>>;
  items: Array<Record<string, unknown>>;
  texts: Array<Record<string, unknown>>;
} {
  const headers = [];
  const items = [];
  const texts = [];
  for (let i = 0; i < n; i++) {
    const id = String(60000000 + i);
    const changed = new Date(Date.parse('2024-03-01T10:00:00Z') + i * 3_600_000).toISOString();
    headers.push({
      CreditMemoRequest: id,
      CreditMemoRequestType: 'CR',
      SalesOrganization: '1010',
      SoldToParty: i % 2 ? '17100001' : '17100002',
      CreationDate: d(changed.slice(0, 10) + 'T00:00:00Z'),
      LastChangeDateTime: dto(changed),
      TotalNetAmount: i === 0 ? '12345678901234.56' : `${100 + i}.50`,
      TransactionCurrency: 'EUR',
      SDDocumentReason: '001',
      HeaderBillingBlockReason: '08',
      OverallSDProcessStatus: i % 4 === 3 ? 'C' : 'A',
      SalesDocApprovalStatus: '',
      ReferenceSDDocument: String(90000000 + i),
      PurchaseOrderByCustomer: `PO-${i}`,
      CreatedByUser: i % 3 ? 'CB9980000011' : 'JDUPONT',
    });
    for (let k = 1; k <= 2; k++) {
      items.push({
        CreditMemoRequest: id,
        CreditMemoRequestItem: String(k * 10),
        Material: `MAT-${k}`,
        CreditMemoRequestItemText: `Item ${k}`,
        RequestedQuantity: '1.000',
        RequestedQuantityUnit: 'EA',
        NetAmount: i === 0 && k === 1 ? '12345678901234.56' : '50.25',
        TransactionCurrency: 'EUR',
        ItemBillingBlockReason: '',
      });
    }
    texts.push({ CreditMemoRequest: id, Language: 'EN', LongTextID: 'TX01', LongText: `Reason for ${id}` });
  }
  return { headers, items, texts };
}

export function billingDocuments(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({
    BillingDocument: String(90000000 + i),
    BillingDocumentType: i % 2 ? 'G2' : 'F2',
    BillingDocumentCategory: 'M',
    BillingDocumentDate: d(new Date(Date.parse('2024-02-01T00:00:00Z') + i * 86_400_000).toISOString()),
    SoldToParty: i % 2 ? '17100001' : '17100002',
    PayerParty: i % 2 ? '17100001' : '17100002',
    CompanyCode: '1010',
    FiscalYear: '2024',
    AccountingDocument: String(1800000000 + i),
    BillingDocumentIsCancelled: i === 3,
    TotalNetAmount: `${1000 + i}.10`,
    TaxAmount: `${190 + i}.02`,
    TotalGrossAmount: `${1190 + 2 * i}.12`,
    TransactionCurrency: 'EUR',
    CustomerPaymentTerms: '0001',
    LastChangeDateTime: dto('2024-03-01T10:00:00Z'),
  }));
}

export function customerDunning(): Array<Record<string, unknown>> {
  return [
    {
      Customer: '17100001',
      CompanyCode: '1010',
      DunningArea: '',
      DunningProcedure: '0001',
      DunningLevel: '2',
      DunningBlock: '',
      LastDunnedOn: d('2024-05-02T00:00:00Z'),
      DunningClerk: 'C1',
    },
    {
      Customer: '17100001',
      CompanyCode: '1710',
      DunningArea: '01',
      DunningProcedure: '0002',
      DunningLevel: '1',
      DunningBlock: 'R',
      LastDunnedOn: d('2024-04-02T00:00:00Z'),
    },
    {
      Customer: '17100002',
      CompanyCode: '1010',
      DunningArea: '',
      DunningProcedure: '0001',
      DunningLevel: '0',
      DunningBlock: '',
    },
  ];
}
