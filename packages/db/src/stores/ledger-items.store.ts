import type { EntityManager } from '@mikro-orm/postgresql';
import { ingestLedger } from './ledger-ingest.ts';
import type { LedgerIngestInput } from './ledger-ingest.ts';
import { containsPattern } from './like-escape.ts';

/** An item as the API shows it: amounts as exact decimal text, dates as ISO text. */
export type LedgerItemRow = {
  id: string;
  source: string;
  company: string;
  customer_id: string;
  document: string;
  item_type: 'invoice' | 'credit_note' | 'payment';
  document_date: string | null;
  due_date: string | null;
  currency: string;
  amount: string;
  open_amount: string;
  disputed: boolean;
  dispute_status: string | null;
  status: 'open' | 'settled';
  settled_at: string | null;
  dunning_level: number | null;
  dunning_flagged: boolean;
  dunning_processed: boolean;
  dunning_date: string | null;
  first_seen_at: string;
  updated_at: string;
};
export type LedgerItemHistoryRow = {
  item_id: string;
  valid_from: string;
  valid_to: string | null;
  import_id: string | null;
  open_amount: string;
  amount: string;
  due_date: string | null;
  disputed: boolean;
  status: 'open' | 'settled';
};

export const LEDGER_ITEM_COLUMNS = `i.id::text as id, i.source, i.company, i.customer_id, i.document, i.item_type,
  i.document_date::text as document_date, i.due_date::text as due_date, i.currency, i.amount::text as amount,
  i.open_amount::text as open_amount, i.disputed, i.dispute_status, i.status, i.settled_at::text as settled_at,
  i.dunning_level, i.dunning_flagged, i.dunning_processed, i.dunning_date::text as dunning_date,
  i.first_seen_at::text as first_seen_at, i.updated_at::text as updated_at`;
const HISTORY_COLUMNS = `h.item_id::text as item_id, h.valid_from::text as valid_from, h.valid_to::text as valid_to,
  h.import_id::text as import_id, h.open_amount::text as open_amount, h.amount::text as amount,
  h.due_date::text as due_date, h.disputed, h.status`;

/** A customer's items (or their states) by status, and by document number containing some text, any case. */
export type LedgerItemFilter = { status?: 'open' | 'settled'; q?: string };

function itemFilter(f: LedgerItemFilter, statusColumn: string): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (f.status) {
    parts.push(`and ${statusColumn} = ?`);
    params.push(f.status);
  }
  if (f.q) {
    parts.push(`and i.document ilike ? escape '\\'`);
    params.push(containsPattern(f.q));
  }
  return { sql: parts.join(' '), params };
}

export function createLedgerItemsStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** Fills the ledger from a feed or file; see ledger-ingest.ts. */
    ingest: (input: LedgerIngestInput) => ingestLedger(em, input),
    /** A customer's items, open ones first, oldest due date first. */
    async ofCustomer(
      company: string,
      customerId: string,
      opts: { openOnly?: boolean; limit?: number } & LedgerItemFilter = {},
    ) {
      const f = itemFilter(opts.openOnly ? { ...opts, status: 'open' } : opts, 'i.status');
      return conn().execute<LedgerItemRow[]>(
        `select ${LEDGER_ITEM_COLUMNS} from ledger_items i where i.company = ? and i.customer_id = ? ${f.sql}
         order by i.status, i.due_date nulls last, i.document limit ?`,
        [company, customerId, ...f.params, opts.limit ?? 1000],
      );
    },
    async byDocument(source: string, company: string, document: string): Promise<LedgerItemRow | undefined> {
      const [row] = await conn().execute<LedgerItemRow[]>(
        `select ${LEDGER_ITEM_COLUMNS} from ledger_items i where i.source = ? and i.company = ? and i.document = ?`,
        [source, company, document],
      );
      return row;
    },
    /** The history rows of a customer's items, newest first. */
    async historyOfCustomer(company: string, customerId: string, limit = 1000, filter: LedgerItemFilter = {}) {
      const f = itemFilter(filter, 'h.status');
      return conn().execute<Array<LedgerItemHistoryRow & { document: string; currency: string }>>(
        `select ${HISTORY_COLUMNS}, i.document, i.currency from ledger_item_states h
           join ledger_items i on i.id = h.item_id
         where i.company = ? and i.customer_id = ? ${f.sql} order by h.valid_from desc, i.document limit ?`,
        [company, customerId, ...f.params, limit],
      );
    },
    /** Each of the customer's items as it stood at `asOf` (items not yet known then are left out). */
    async ofCustomerAsOf(company: string, customerId: string, asOf: Date) {
      return conn().execute<Array<LedgerItemHistoryRow & { document: string; currency: string }>>(
        `select ${HISTORY_COLUMNS}, i.document, i.currency from ledger_item_states h
           join ledger_items i on i.id = h.item_id
         where i.company = ? and i.customer_id = ? and h.valid_from <= ? and (h.valid_to is null or h.valid_to > ?)
         order by i.document`,
        [company, customerId, asOf, asOf],
      );
    },
  };
}
export type LedgerItemsStore = ReturnType<typeof createLedgerItemsStore>;
