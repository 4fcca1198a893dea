import { Type } from '@sinclair/typebox';
import { sapFeed } from './connection.ts';
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
import { decodeCursor } from './shared.ts';

interface Cursor {
  skip: number;
  next?: string;
}

/**
 * A full sweep of open items per cycle: open items change state (cleared, dunned) without a usable
 * change timestamp in the cube, so the feed pages through the current set and starts over when done.
 * Ordered by the full key so `$skip` pages are stable.
 */
export const customerOpenItemsFeed = sapFeed({
  title: 'Customer open items',
  translations: {
    fr: {
      title: 'Postes ouverts clients',
      fields: {
        pageSize: { title: 'Taille de page' },
        companyCode: { title: 'Société' },
        customerName: { title: 'Nom du client' },
        customer: { title: 'Client', description: 'Numéro client ; laisser vide pour tous les clients' },
        dueBefore: {
          title: 'Échéance avant le',
          description: 'Uniquement les postes dont l’échéance nette (NetDueDate) précède cette date ISO (postes échus)',
        },
      },
    },
  },
  config: Type.Object({ ...OpenItemFilter, pageSize: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }) }),
  record: OpenItemRecord,
  key: (r) => r.key,
  async poll(ctx, config, cursor) {
    const c = decodeCursor<Cursor>(ctx, cursor);
    const svc = sapService(ctx, SERVICE);
    const skip = c.skip ?? 0;
    const page = c.next
      ? await svc.listNext(c.next)
      : await svc.list(ENTITY_SET, {
          filter: filterText(openItemFilter(config)),
          select: OPEN_ITEM_SELECT,
          orderby: OPEN_ITEM_ORDER,
          top: config.pageSize,
          skip,
        });
    const records = page.results.map((e) => toOpenItem(ctx, e));
    const more = page.next !== undefined || records.length === config.pageSize;
    return more
      ? {
          records,
          cursor: JSON.stringify({ skip: skip + records.length, next: page.next } satisfies Cursor),
          hasMore: true,
        }
      : { records, cursor: null, hasMore: false };
  },
});
