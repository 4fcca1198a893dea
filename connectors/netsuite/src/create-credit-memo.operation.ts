import { Type } from '@sinclair/typebox';
import { ConnectorError, Money, normalizeDecimal, signOfDecimal } from '@ledgerflow/flow-model';
import type { NsContext } from './auth.ts';
import { nsAction } from './connection.ts';
import { invalidInput, nsJson, nsMoney, nsRequest } from './client.ts';
import { recordPath } from './record.ts';

const InternalId = Type.String({ pattern: '^\\d+$' });
const FIELDS = 'tranId,total,currency,entity,externalId';

interface CreditMemoRead {
  id?: string | number;
  tranId?: string;
  total?: unknown;
  currency?: { id?: string; refName?: string };
  entity?: { id?: string | number };
}

const isNotFound = (err: unknown) => err instanceof ConnectorError && err.code === 'CONNECTOR_NOT_FOUND';
const isDuplicate = (err: unknown) =>
  err instanceof ConnectorError &&
  ((err.details as { errorCodes?: string[] } | undefined)?.errorCodes ?? []).includes('DUP_RCRD');

async function read(ctx: NsContext, id: string, record: string): Promise<CreditMemoRead | undefined> {
  try {
    const res = await nsRequest(ctx, { path: recordPath('creditMemo', id), query: { fields: FIELDS }, record });
    return nsJson<CreditMemoRead>(ctx, res, record);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export const createCreditMemoAction = nsAction({
  title: 'Create a credit memo',
  description:
    'Creates a creditMemo record with one line at the amount. Idempotent by external id: a credit memo that ' +
    'already carries it is returned, never created twice. Returns the document number (tranId).',
  translations: {
    fr: {
      title: 'Créer un avoir',
      description:
        'Crée un enregistrement creditMemo avec une ligne au montant. Idempotente par identifiant externe : un avoir ' +
        'qui le porte déjà est renvoyé, jamais créé deux fois. Renvoie le numéro du document (tranId).',
      fields: {
        memo: { title: 'Mémo' },
        amount: { title: 'Montant' },
        externalId: {
          title: 'Identifiant externe',
          description: 'Identifiant externe, par ex. le numéro du litige : un litige, un avoir',
        },
        customerId: { title: 'Client', description: 'Identifiant interne du client' },
        itemId: { title: 'Article', description: 'Identifiant interne de l’article de la ligne d’avoir' },
        createdFrom: { title: 'Créé à partir de', description: 'Identifiant interne de la facture contestée' },
        currencyId: { title: 'Devise', description: 'Identifiant interne de la devise (par défaut celle du client)' },
      },
    },
  },
  // Looks the external id up before creating, and NetSuite refuses a second record with it.
  idempotent: true,
  input: Type.Object({
    externalId: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[A-Za-z0-9_.-]+$',
      description: 'e.g. the dispute number: one dispute, one credit memo',
    }),
    customerId: InternalId,
    amount: Money,
    itemId: InternalId,
    createdFrom: Type.Optional(InternalId),
    currencyId: Type.Optional(InternalId),
    memo: Type.Optional(Type.String({ maxLength: 999 })),
  }),
  output: Type.Object({
    id: Type.String({ description: 'internal id' }),
    tranId: Type.String({ description: 'document number' }),
    externalId: Type.String(),
    created: Type.Boolean({ description: 'false: an earlier attempt had already created it' }),
    total: Money,
  }),
  async run(ctx, input) {
    const rec = `creditMemo/eid:${input.externalId}`;
    let amount: string;
    try {
      amount = normalizeDecimal(input.amount.amount);
    } catch {
      throw invalidInput(ctx, `amount is not a decimal: ${input.amount.amount}`, rec);
    }
    if (signOfDecimal(amount) <= 0)
      throw invalidInput(ctx, `the credited amount must be positive (got ${amount})`, rec);

    const eid = `eid:${input.externalId}`;
    const existing = await read(ctx, eid, rec);
    if (existing) return outputOf(ctx, existing, input, rec, false);

    let location: string | null = null;
    try {
      const res = await nsRequest(ctx, {
        method: 'POST',
        path: '/services/rest/record/v1/creditmemo',
        record: rec,
        body: {
          externalId: input.externalId,
          entity: { id: input.customerId },
          ...(input.createdFrom && { createdFrom: { id: input.createdFrom } }),
          ...(input.currencyId && { currency: { id: input.currencyId } }),
          ...(input.memo && { memo: input.memo }),
          // Amounts as decimal strings, as updateRecord sends them: no float on the way.
          item: { items: [{ item: { id: input.itemId }, quantity: 1, rate: amount, amount }] },
        },
      });
      location = res.headers.get('location');
    } catch (err) {
      // Another attempt got there first (NetSuite keeps external ids unique per record type).
      if (!isDuplicate(err)) throw err;
    }
    const id = location ? /\/(\d+)$/.exec(location)?.[1] : undefined;
    const created = await read(ctx, id ?? eid, rec);
    if (!created)
      throw new ConnectorError({
        connector: ctx.connectorId,
        action: ctx.operation,
        record: rec,
        code: 'CONNECTOR_MALFORMED_RESPONSE',
        message: `NetSuite accepted the credit memo but it cannot be read back (location ${location ?? 'none'})`,
        retryable: true,
      });
    return outputOf(ctx, created, input, rec, id !== undefined);
  },
});

function outputOf(
  ctx: NsContext,
  r: CreditMemoRead,
  input: { externalId: string; customerId: string; amount: Money },
  rec: string,
  created: boolean,
) {
  const fail = (code: string, message: string, retryable = false) =>
    new ConnectorError({ connector: ctx.connectorId, action: ctx.operation, record: rec, code, message, retryable });
  if (r.entity?.id !== undefined && String(r.entity.id) !== input.customerId)
    throw fail(
      'NETSUITE_EXTERNAL_ID_TAKEN',
      `credit memo ${String(r.id)} with external id ${input.externalId} belongs to customer ${String(r.entity.id)}, not ${input.customerId}`,
    );
  if (r.id === undefined || !r.tranId) throw fail('CONNECTOR_MALFORMED_RESPONSE', 'credit memo without id or tranId');
  const total = nsMoney(ctx, r.total, r.currency?.refName, rec, 'total');
  if (total.currency !== input.amount.currency)
    throw fail(
      'NETSUITE_CURRENCY_MISMATCH',
      `credit memo ${r.tranId} is in ${total.currency}, the dispute in ${input.amount.currency}: set currencyId or fix the customer's currency`,
    );
  return { id: String(r.id), tranId: r.tranId, externalId: input.externalId, created, total };
}
