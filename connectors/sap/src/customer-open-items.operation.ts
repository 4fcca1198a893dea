import { Type } from '@sinclair/typebox';
import { Money, sumDecimals } from '@ledgerflow/flow-model';
import { sapAction } from './connection.ts';
import { sapService } from './odata/client.ts';
import { filterText } from './odata/literals.ts';
import {
  ENTITY_SET,
  OPEN_ITEM_ORDER,
  OPEN_ITEM_SELECT,
  OpenItemFilter,
  OpenItemRecord,
  SERVICE,
  openItemFilter,
  toOpenItem,
} from './open-item.ts';

export const customerOpenItemsAction = sapAction({
  title: 'Customer open items',
  description:
    'Uncleared receivables of a customer (due date, dunning level/block, amounts), all pages up to maxItems, with totals per currency.',
  translations: {
    fr: {
      title: 'Postes ouverts d’un client',
      description:
        'Créances non soldées d’un client (échéance, niveau et blocage de relance, montants), toutes les pages jusqu’à maxItems, avec les totaux par devise.',
      fields: {
        pageSize: { title: 'Taille de page' },
        maxItems: { title: 'Nombre maximal de postes' },
        companyCode: { title: 'Société' },
        customerName: { title: 'Nom du client' },
        customer: { title: 'Client' },
        dueBefore: {
          title: 'Échéance avant le',
          description: 'Uniquement les postes dont l’échéance nette (NetDueDate) précède cette date ISO (postes échus)',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    ...OpenItemFilter,
    customer: Type.String({ minLength: 1 }),
    maxItems: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
  }),
  output: Type.Object({
    items: Type.Array(OpenItemRecord),
    totals: Type.Array(Money),
    truncated: Type.Boolean(),
  }),
  async run(ctx, input) {
    const svc = sapService(ctx, SERVICE);
    const filter = filterText(openItemFilter(input));
    const items = [];
    let truncated = false;
    let page = await svc.list(
      ENTITY_SET,
      { filter, select: OPEN_ITEM_SELECT, orderby: OPEN_ITEM_ORDER, top: input.pageSize },
      input.customer,
    );
    for (let skip = 0; ;) {
      items.push(...page.results.map((e) => toOpenItem(ctx, e)));
      skip += page.results.length;
      if (items.length >= input.maxItems) {
        truncated = page.results.length === input.pageSize || page.next !== undefined;
        items.length = Math.min(items.length, input.maxItems);
        break;
      }
      if (page.next) page = await svc.listNext(page.next, input.customer);
      else if (page.results.length === input.pageSize)
        page = await svc.list(
          ENTITY_SET,
          { filter, select: OPEN_ITEM_SELECT, orderby: OPEN_ITEM_ORDER, top: input.pageSize, skip },
          input.customer,
        );
      else break;
    }
    const sums = new Map<string, string>();
    for (const i of items)
      sums.set(i.amount.currency, sumDecimals([sums.get(i.amount.currency) ?? '0', i.amount.amount]));
    return { items, totals: [...sums].map(([currency, amount]) => ({ currency, amount })), truncated };
  },
});
