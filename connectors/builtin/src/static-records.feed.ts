import { Type } from '@sinclair/typebox';
import { defineFeed } from '@ledgerflow/connector-sdk';

/**
 * Delay-free test feed: serves the records given in its config, a page at a time, keyed by `key`.
 * Lets record-feed flows be built and tested before a real source is connected.
 */
export const staticRecordsFeed = defineFeed({
  title: 'Static records (test)',
  translations: {
    fr: {
      title: 'Enregistrements statiques (test)',
      fields: {
        records: { title: 'Enregistrements' },
        keyField: { title: 'Champ clé' },
        pageSize: { title: 'Taille de page' },
      },
    },
  },
  config: Type.Object({
    records: Type.Array(Type.Record(Type.String(), Type.Unknown()), { default: [] }),
    keyField: Type.String({ default: 'id' }),
    pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  }),
  record: Type.Record(Type.String(), Type.Unknown()),
  key: (r) => String(r.id ?? ''),
  async poll(_ctx, config, cursor) {
    // Every extraction reads the whole list again, as an extractor of "unfinished" items does.
    const start = cursor && cursor !== 'end' ? Number(cursor) : 0;
    const page = config.records
      .slice(start, start + config.pageSize)
      .map((r) => ({ ...r, id: r[config.keyField] ?? r.id }));
    const next = start + page.length;
    const hasMore = next < config.records.length;
    return { records: page, cursor: hasMore ? String(next) : null, hasMore };
  },
});
