import { Type } from '@sinclair/typebox';
import { nsAction } from './connection.ts';
import { checkOrderBy, suiteqlAll, suiteqlPage } from './suiteql.ts';

export const suiteqlAction = nsAction({
  title: 'SuiteQL query',
  description:
    'Runs a SuiteQL query (read-only). Needs ORDER BY ending in a unique key; one page (limit/offset) or all pages up to maxRows.',
  translations: {
    fr: {
      title: 'Requête SuiteQL',
      description:
        'Exécute une requête SuiteQL (lecture seule). Exige un ORDER BY terminé par une clé unique ; une page (limit/offset) ou toutes les pages jusqu’à maxRows.',
      fields: {
        limit: { title: 'Taille de page' },
        query: { title: 'Requête SuiteQL' },
        offset: { title: 'Décalage', description: 'Ne lire que cette page' },
        maxRows: {
          title: 'Nombre maximal de lignes',
          description: 'Nombre maximal de lignes quand toutes les pages sont lues',
        },
        orderByIsUnique: {
          title: 'Tri sur une clé unique',
          description: 'À cocher quand l’ORDER BY est unique sans se terminer par une colonne id',
        },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    query: Type.String({ minLength: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 1000 }),
    offset: Type.Optional(Type.Integer({ minimum: 0, description: 'Read only this page' })),
    maxRows: Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000, description: 'When reading all pages' }),
    orderByIsUnique: Type.Boolean({
      default: false,
      description: 'Set when the ORDER BY is unique without ending in an id column',
    }),
  }),
  output: Type.Object({
    items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    hasMore: Type.Boolean(),
    nextOffset: Type.Optional(Type.Integer()),
    totalResults: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    checkOrderBy(ctx, input.query, input.orderByIsUnique);
    if (input.offset !== undefined) {
      const p = await suiteqlPage(ctx, input.query, input.limit, input.offset);
      return {
        items: p.items,
        hasMore: p.hasMore,
        nextOffset: p.hasMore ? p.offset + p.items.length : undefined,
        totalResults: p.totalResults,
      };
    }
    const all = await suiteqlAll(ctx, input.query, { pageSize: input.limit, maxRows: input.maxRows });
    return { items: all.items, hasMore: all.truncated, nextOffset: all.truncated ? all.items.length : undefined };
  },
});
