import { Type } from '@sinclair/typebox';
import { nsFeed } from './connection.ts';
import { Money } from '@ledgerflow/flow-model';
import { invalidInput, nsMoney } from './client.ts';
import { suiteqlPage } from './suiteql.ts';

/**
 * Open invoices for dunning, keyset-paged by internal id (cursor = last id): unlike offsets, a
 * keyset never skips rows when invoices are paid between pages. A finished sweep returns cursor null.
 */
export const openInvoicesFeed = nsFeed({
  title: 'Open invoices',
  translations: {
    fr: {
      title: 'Factures ouvertes',
      fields: {
        pageSize: { title: 'Taille de page' },
        overdueOnly: { title: 'Échues uniquement' },
        subsidiaryId: { title: 'Filiale' },
      },
    },
  },
  config: Type.Object({
    pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
    overdueOnly: Type.Boolean({ default: false }),
    subsidiaryId: Type.Optional(Type.String({ pattern: '^\\d+$' })),
  }),
  record: Type.Object({
    id: Type.String(),
    tranId: Type.Optional(Type.String()),
    customerId: Type.String(),
    tranDate: Type.Optional(Type.String()),
    dueDate: Type.Optional(Type.String()),
    total: Money,
    amountRemaining: Money,
  }),
  key: (r) => r.id,
  async poll(ctx, config, cursor) {
    if (cursor !== null && !/^\d+$/.test(cursor)) throw invalidInput(ctx, `not a cursor of this feed: ${cursor}`);
    const where = [
      "t.type = 'CustInvc'",
      't.foreignamountremaining > 0',
      cursor ? `t.id > ${cursor}` : undefined,
      config.overdueOnly ? 't.duedate < CURRENT_DATE' : undefined,
      config.subsidiaryId ? `t.subsidiary = ${config.subsidiaryId}` : undefined,
    ].filter(Boolean);
    const q = `SELECT t.id, t.tranid, t.entity, t.trandate, t.duedate, t.foreigntotal, t.foreignamountremaining, BUILTIN.DF(t.currency) AS currency FROM transaction t WHERE ${where.join(' AND ')} ORDER BY t.id`;
    const page = await suiteqlPage(ctx, q, config.pageSize, 0);
    const records = page.items.map((r) => ({
      id: String(r.id),
      tranId: r.tranid === undefined ? undefined : String(r.tranid),
      customerId: String(r.entity),
      tranDate: r.trandate === undefined ? undefined : String(r.trandate),
      dueDate: r.duedate === undefined || r.duedate === null ? undefined : String(r.duedate),
      total: nsMoney(ctx, r.foreigntotal, r.currency, String(r.id), 'foreigntotal'),
      amountRemaining: nsMoney(ctx, r.foreignamountremaining, r.currency, String(r.id), 'foreignamountremaining'),
    }));
    const last = records[records.length - 1]?.id;
    return page.hasMore && last ? { records, cursor: last, hasMore: true } : { records, cursor: null, hasMore: false };
  },
});
