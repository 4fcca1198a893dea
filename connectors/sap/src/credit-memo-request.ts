import { Type, type Static } from '@sinclair/typebox';
import { ConnectorError } from '@ledgerflow/flow-model';
import type { SapContext } from './odata/auth.ts';
import { sapService } from './odata/client.ts';
import { keyPredicate, lit } from './odata/literals.ts';
import type { ODataRecord } from './odata/json.ts';
import { Decimal, IsoDate, MoneySchema, decimal, invalidInput, money, str } from './shared.ts';

export const SERVICE = 'API_CREDIT_MEMO_REQUEST_SRV';
export const ENTITY_SET = 'A_CreditMemoRequest';

export const CreditMemoRequestItem = Type.Object({
  creditMemoRequestItem: Type.String(),
  material: Type.Optional(Type.String()),
  text: Type.Optional(Type.String()),
  requestedQuantity: Type.Optional(Decimal),
  quantityUnit: Type.Optional(Type.String()),
  netAmount: Type.Optional(Decimal),
  currency: Type.Optional(Type.String()),
  billingBlockReason: Type.Optional(Type.String()),
  referenceSDDocument: Type.Optional(Type.String()),
});

export const CreditMemoRequestRecord = Type.Object({
  creditMemoRequest: Type.String(),
  type: Type.Optional(Type.String()),
  salesOrganization: Type.Optional(Type.String()),
  soldToParty: Type.Optional(Type.String()),
  creationDate: Type.Optional(IsoDate),
  /** The SAP user who entered the request: a flow's four-eyes rule keeps them from approving it. */
  createdByUser: Type.Optional(Type.String()),
  lastChangeDateTime: Type.Optional(IsoDate),
  totalNetAmount: Type.Optional(MoneySchema),
  reason: Type.Optional(Type.String({ description: 'SDDocumentReason' })),
  billingBlockReason: Type.Optional(Type.String()),
  overallStatus: Type.Optional(Type.String()),
  approvalStatus: Type.Optional(Type.String()),
  referenceSDDocument: Type.Optional(Type.String()),
  purchaseOrderByCustomer: Type.Optional(Type.String()),
  etag: Type.Optional(Type.String()),
  items: Type.Array(CreditMemoRequestItem),
  texts: Type.Array(Type.Object({ language: Type.String(), longTextId: Type.String(), text: Type.String() })),
});
export type CreditMemoRequestRecord = Static<typeof CreditMemoRequestRecord>;

export function toCreditMemoRequest(ctx: SapContext, e: ODataRecord): CreditMemoRequestRecord {
  const id = String(e.CreditMemoRequest);
  return {
    creditMemoRequest: id,
    type: str(e.CreditMemoRequestType),
    salesOrganization: str(e.SalesOrganization),
    soldToParty: str(e.SoldToParty),
    creationDate: str(e.CreationDate),
    createdByUser: str(e.CreatedByUser),
    lastChangeDateTime: str(e.LastChangeDateTime),
    totalNetAmount: money(ctx, e.TotalNetAmount, e.TransactionCurrency, id, 'TotalNetAmount'),
    reason: str(e.SDDocumentReason),
    billingBlockReason: str(e.HeaderBillingBlockReason),
    overallStatus: str(e.OverallSDProcessStatus),
    approvalStatus: str(e.SalesDocApprovalStatus),
    referenceSDDocument: str(e.ReferenceSDDocument),
    purchaseOrderByCustomer: str(e.PurchaseOrderByCustomer),
    etag: str(e.etag),
    items: ((e.to_Item as ODataRecord[] | undefined) ?? []).map((i) => ({
      creditMemoRequestItem: String(i.CreditMemoRequestItem),
      material: str(i.Material),
      text: str(i.CreditMemoRequestItemText),
      requestedQuantity: decimal(ctx, i.RequestedQuantity, id, 'RequestedQuantity'),
      quantityUnit: str(i.RequestedQuantityUnit),
      netAmount: decimal(ctx, i.NetAmount, id, 'NetAmount'),
      currency: str(i.TransactionCurrency),
      billingBlockReason: str(i.ItemBillingBlockReason),
      referenceSDDocument: str(i.ReferenceSDDocument),
    })),
    texts: ((e.to_Text as ODataRecord[] | undefined) ?? []).map((t) => ({
      language: String(t.Language ?? ''),
      longTextId: String(t.LongTextID ?? ''),
      text: String(t.LongText ?? ''),
    })),
  };
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const FIELD_RE = /^[A-Z][A-Za-z0-9]*$/;
const READ_ONLY = new Set([
  'CreditMemoRequest',
  'CreationDate',
  'CreatedByUser',
  'LastChangeDate',
  'LastChangeDateTime',
  'TotalNetAmount',
]);

/** OData v2 JSON payloads want `/Date(ms)/`, not ISO strings. */
function toPayloadValue(v: string | boolean | null): string | boolean | null {
  if (typeof v === 'string' && ISO_RE.test(v)) {
    const t = Date.parse(/T/.test(v) && !/(Z|[+-]\d{2}:\d{2})$/.test(v) ? `${v}Z` : v);
    if (!Number.isNaN(t)) return `/Date(${t})/`;
  }
  return v;
}

/**
 * PATCH with optimistic locking. Without a caller-supplied ETag we read the current one first; a 412
 * then means someone changed it between our read and write, which a retry can resolve. With the
 * caller's ETag a 412 means the caller's view is stale: not retryable, re-read the document.
 */
export async function patchCreditMemoRequest(
  ctx: SapContext,
  id: string,
  fields: Record<string, string | boolean | null>,
  etag?: string,
): Promise<{ creditMemoRequest: string; etag?: string }> {
  for (const k of Object.keys(fields)) {
    if (!FIELD_RE.test(k)) throw invalidInput(ctx, `not an SAP field name: ${k}`, id);
    if (READ_ONLY.has(k)) throw invalidInput(ctx, `${k} cannot be changed`, id);
  }
  if (Object.keys(fields).length === 0) throw invalidInput(ctx, 'no fields to update', id);
  const svc = sapService(ctx, SERVICE);
  const path = `/${ENTITY_SET}${keyPredicate({ CreditMemoRequest: lit.string(id) })}`;
  let ifMatch = etag;
  if (!ifMatch) {
    const current = await svc.getEntity(path, { select: ['CreditMemoRequest', 'LastChangeDateTime'] }, id);
    ifMatch = str(current.etag) ?? '*';
  }
  const body = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, toPayloadValue(v)]));
  const res = await svc.modify('PATCH', path, body, { record: id, etag: ifMatch });
  if (res.status === 412) {
    throw new ConnectorError({
      connector: ctx.connectorId,
      action: ctx.operation,
      record: id,
      code: 'SAP_ETAG_CONFLICT',
      message: `credit memo request ${id} was changed in SAP since it was read (ETag ${ifMatch} no longer matches); read it again and re-apply the change`,
      retryable: !etag,
      details: { status: 412, etag: ifMatch },
    });
  }
  return { creditMemoRequest: id, etag: res.headers.get('etag') ?? undefined };
}
