import { Type } from '@sinclair/typebox';
import { sapFeed } from './connection.ts';
import { CreditMemoRequestRecord, ENTITY_SET, SERVICE, toCreditMemoRequest } from './credit-memo-request.ts';
import { sapService } from './odata/client.ts';
import { and, cmp, filterText, lit } from './odata/literals.ts';
import { decodeCursor, invalidInput } from './shared.ts';

interface Cursor {
  /** Low watermark of the date field for this sweep. */
  since?: string;
  skip: number;
  /** Highest date seen in this sweep; becomes the next sweep's watermark. */
  maxSeen?: string;
  next?: string;
}

/**
 * Unfinished credit memo requests (OverallSDProcessStatus ne 'C'), oldest change first, with items and
 * texts. The watermark uses `ge` so documents changed within the same second are not lost; the feed key
 * lets the engine drop the repeats.
 */
export const openCreditMemoRequestsFeed = sapFeed({
  title: 'Open credit memo requests',
  translations: {
    fr: {
      title: 'Demandes d’avoir en cours',
      fields: {
        pageSize: { title: 'Taille de page' },
        soldToParty: { title: 'Donneur d’ordre' },
        salesOrganization: { title: 'Organisation commerciale' },
        dateField: { title: 'Champ de date' },
        onlyUnfinished: {
          title: 'Non terminées uniquement',
          description: 'Uniquement les demandes non terminées (OverallSDProcessStatus différent de « C »)',
        },
        changedSince: { title: 'Modifiées depuis', description: 'Date-heure ISO : début du premier balayage' },
      },
    },
  },
  config: Type.Object({
    onlyUnfinished: Type.Boolean({ default: true, description: "OverallSDProcessStatus ne 'C'" }),
    dateField: Type.Union([Type.Literal('LastChangeDateTime'), Type.Literal('CreationDate')], {
      default: 'LastChangeDateTime',
    }),
    changedSince: Type.Optional(Type.String({ description: 'ISO date-time: first sweep starts here' })),
    salesOrganization: Type.Optional(Type.String()),
    soldToParty: Type.Optional(Type.String()),
    pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  }),
  record: CreditMemoRequestRecord,
  key: (r) => r.creditMemoRequest,
  async poll(ctx, config, cursor) {
    const c = decodeCursor<Cursor>(ctx, cursor);
    const since = c.since ?? config.changedSince;
    if (since !== undefined && Number.isNaN(Date.parse(since)))
      throw invalidInput(ctx, `changedSince is not a date: ${since}`);
    const svc = sapService(ctx, SERVICE);
    const isOffset = config.dateField === 'LastChangeDateTime';
    const filter = and(
      config.onlyUnfinished && cmp('OverallSDProcessStatus', 'ne', lit.string('C')),
      since !== undefined && cmp(config.dateField, 'ge', isOffset ? lit.datetimeoffset(since) : lit.datetime(since)),
      config.salesOrganization !== undefined && cmp('SalesOrganization', 'eq', lit.string(config.salesOrganization)),
      config.soldToParty !== undefined && cmp('SoldToParty', 'eq', lit.string(config.soldToParty)),
    );
    const skip = c.skip ?? 0;
    const page = c.next
      ? await svc.listNext(c.next)
      : await svc.list(ENTITY_SET, {
          filter: filterText(filter),
          expand: ['to_Item', 'to_Text'],
          orderby: `${config.dateField} asc,CreditMemoRequest asc`,
          top: config.pageSize,
          skip,
        });
    const records = page.results.map((e) => toCreditMemoRequest(ctx, e));
    let maxSeen = c.maxSeen;
    for (const r of records) {
      const d = isOffset ? r.lastChangeDateTime : r.creationDate;
      if (d && (!maxSeen || Date.parse(d) > Date.parse(maxSeen))) maxSeen = d;
    }
    const more = page.next !== undefined || records.length === config.pageSize;
    if (more) {
      const next: Cursor = { since, skip: skip + records.length, maxSeen, next: page.next };
      return { records, cursor: JSON.stringify(next), hasMore: true };
    }
    const done: Cursor = { since: maxSeen ?? since, skip: 0 };
    return { records, cursor: JSON.stringify(done), hasMore: false };
  },
});
