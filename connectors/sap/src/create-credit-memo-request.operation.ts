import { Type } from '@sinclair/typebox';
import { ConnectorError, Money, normalizeDecimal, signOfDecimal } from '@ledgerflow/flow-model';
import { sapAction } from './connection.ts';
import { ENTITY_SET, SERVICE, toCreditMemoRequest } from './credit-memo-request.ts';
import type { SapContext } from './odata/auth.ts';
import { sapService } from './odata/client.ts';
import { and, cmp, filterText, lit } from './odata/literals.ts';
import { normalizeEntity, type ODataRecord } from './odata/json.ts';
import { MoneySchema, invalidInput, str } from './shared.ts';

const CODE = (max: number) => Type.String({ minLength: 1, maxLength: max });

const Input = Type.Object({
  reference: Type.String({
    minLength: 1,
    maxLength: 35,
    description:
      'Idempotency key written to PurchaseOrderByCustomer, e.g. the dispute number: one reference, one request',
  }),
  soldToParty: CODE(10),
  amount: MoneySchema,
  type: Type.String({ minLength: 1, maxLength: 4, default: 'CR', description: 'CreditMemoRequestType' }),
  salesOrganization: Type.Optional(CODE(4)),
  distributionChannel: Type.Optional(CODE(2)),
  organizationDivision: Type.Optional(CODE(2)),
  reason: Type.Optional(Type.String({ maxLength: 3, description: 'SDDocumentReason (order reason)' })),
  referenceSDDocument: Type.Optional(Type.String({ maxLength: 10, description: 'the disputed billing document' })),
  billingBlockReason: Type.Optional(Type.String({ maxLength: 2 })),
  material: Type.String({ minLength: 1, maxLength: 40, description: 'material of the credit item' }),
  itemText: Type.Optional(Type.String({ maxLength: 40 })),
  conditionType: Type.String({
    minLength: 1,
    maxLength: 4,
    default: 'PPR0',
    description: 'pricing condition that carries the amount on the item',
  }),
});

const FIND_SELECT = ['CreditMemoRequest', 'SoldToParty', 'PurchaseOrderByCustomer', 'TotalNetAmount'];

async function findByReference(ctx: SapContext, reference: string, soldToParty: string): Promise<ODataRecord[]> {
  const page = await sapService(ctx, SERVICE).list(
    ENTITY_SET,
    {
      filter: filterText(
        and(
          cmp('PurchaseOrderByCustomer', 'eq', lit.string(reference)),
          cmp('SoldToParty', 'eq', lit.string(soldToParty)),
        ),
      ),
      select: [...FIND_SELECT, 'TransactionCurrency', 'LastChangeDateTime'],
      orderby: 'CreditMemoRequest',
      top: 2,
    },
    reference,
  );
  return page.results;
}

export const createCreditMemoRequestAction = sapAction({
  title: 'Create a credit memo request',
  description:
    'Creates a credit memo request with one item priced at the amount (deep insert on A_CreditMemoRequest). ' +
    'Idempotent by reference: a request with the same PurchaseOrderByCustomer for the customer is returned, not duplicated.',
  translations: {
    fr: {
      title: 'Créer une demande d’avoir',
      description:
        'Crée une demande d’avoir avec un poste valorisé au montant (insertion profonde sur A_CreditMemoRequest). ' +
        'Idempotente par référence : une demande portant la même PurchaseOrderByCustomer pour le client est renvoyée, jamais dupliquée.',
      fields: {
        itemText: { title: 'Texte du poste' },
        billingBlockReason: { title: 'Motif de blocage de facturation' },
        organizationDivision: { title: 'Secteur d’activité' },
        distributionChannel: { title: 'Canal de distribution' },
        salesOrganization: { title: 'Organisation commerciale' },
        amount: { title: 'Montant' },
        soldToParty: { title: 'Donneur d’ordre' },
        reference: {
          title: 'Référence',
          description: 'Clé d’idempotence écrite dans PurchaseOrderByCustomer, par ex. le numéro du litige',
        },
        referenceSDDocument: { title: 'Document de référence', description: 'Le document de facturation contesté' },
        type: { title: 'Type de document', description: 'CreditMemoRequestType (type de demande d’avoir)' },
        reason: { title: 'Motif', description: 'SDDocumentReason (motif de commande)' },
        material: { title: 'Article', description: 'Article du poste d’avoir' },
        conditionType: {
          title: 'Type de condition',
          description: 'Condition de prix qui porte le montant sur le poste',
        },
      },
    },
  },
  // Looks the reference up before creating, so a retry after a lost answer finds the first request.
  idempotent: true,
  input: Input,
  output: Type.Object({
    creditMemoRequest: Type.String(),
    created: Type.Boolean({ description: 'false: an earlier attempt had already created it' }),
    reference: Type.String(),
    soldToParty: Type.String(),
    totalNetAmount: Type.Optional(MoneySchema),
  }),
  async run(ctx, input) {
    const ref = input.reference;
    let amount: string;
    try {
      amount = normalizeDecimal(input.amount.amount);
    } catch {
      throw invalidInput(ctx, `amount is not a decimal: ${input.amount.amount}`, ref);
    }
    if (signOfDecimal(amount) <= 0)
      throw invalidInput(ctx, `the credited amount must be positive (got ${amount})`, ref);

    const existing = await findByReference(ctx, ref, input.soldToParty);
    if (existing.length > 0) return outputOf(ctx, existing[0]!, ref, input.soldToParty, false);

    const body: Record<string, unknown> = {
      CreditMemoRequestType: input.type,
      SoldToParty: input.soldToParty,
      PurchaseOrderByCustomer: ref,
      TransactionCurrency: input.amount.currency,
      ...(input.salesOrganization && { SalesOrganization: input.salesOrganization }),
      ...(input.distributionChannel && { DistributionChannel: input.distributionChannel }),
      ...(input.organizationDivision && { OrganizationDivision: input.organizationDivision }),
      ...(input.reason && { SDDocumentReason: input.reason }),
      ...(input.referenceSDDocument && { ReferenceSDDocument: input.referenceSDDocument }),
      ...(input.billingBlockReason && { HeaderBillingBlockReason: input.billingBlockReason }),
      to_Item: [
        {
          CreditMemoRequestItem: '10',
          Material: input.material,
          RequestedQuantity: '1',
          ...(input.itemText && { CreditMemoRequestItemText: input.itemText }),
          ...(input.referenceSDDocument && { ReferenceSDDocument: input.referenceSDDocument }),
          // Edm.Decimal travels as a string in OData v2 JSON: the amount is never a float.
          to_PricingElement: [
            {
              ConditionType: input.conditionType,
              ConditionRateValue: amount,
              ConditionCurrency: input.amount.currency,
            },
          ],
        },
      ],
    };
    const res = await sapService(ctx, SERVICE).modify('POST', `/${ENTITY_SET}`, body, { record: ref });
    let created: ODataRecord;
    try {
      created = normalizeEntity((res.json('text') as { d: unknown }).d);
    } catch (err) {
      throw new ConnectorError({
        connector: ctx.connectorId,
        action: ctx.operation,
        record: ref,
        code: 'CONNECTOR_MALFORMED_RESPONSE',
        message: `SAP created the credit memo request but answered with an unexpected body: ${(err as Error).message}`,
        retryable: true, // the next attempt finds it by reference
        cause: err,
      });
    }
    return outputOf(ctx, created, ref, input.soldToParty, true);
  },
});

function outputOf(ctx: SapContext, e: ODataRecord, reference: string, soldToParty: string, created: boolean) {
  const id = str(e.CreditMemoRequest);
  if (!id)
    throw new ConnectorError({
      connector: ctx.connectorId,
      action: ctx.operation,
      record: reference,
      code: 'CONNECTOR_MALFORMED_RESPONSE',
      message: 'SAP answered without a CreditMemoRequest number',
      retryable: false,
    });
  const doc = toCreditMemoRequest(ctx, e);
  const total: Money | undefined = doc.totalNetAmount;
  return { creditMemoRequest: id, created, reference, soldToParty, ...(total && { totalNetAmount: total }) };
}
