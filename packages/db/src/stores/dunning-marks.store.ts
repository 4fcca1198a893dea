import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

/** A customer's dunning state as letters need it: the level reached, whether its letter went, and the cycle. */
export type DunningCustomerState = {
  dunning_level: number | null;
  dunning_processed_at: Date | string | null;
  dunning_cycle: string | null;
};

export type DunningStatementItem = {
  document: string;
  item_type: 'invoice' | 'credit_note' | 'payment';
  document_date: string | null;
  due_date: string | null;
  currency: string;
  open_amount: string;
  disputed: boolean;
};

/**
 * The dunning marks on ledger_customers and ledger_items (level, flagged, processed, date), as NetSuite shows them.
 * Written by the dunning run only: flagged at classification, processed when the letter is sent, cleared once the
 * customer has nothing overdue any more.
 */
export function createDunningMarksStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /**
     * Flags each classified customer and its overdue invoices with the level. A customer whose level changes loses
     * "processed" (the new level's letter is still to send); the cycle starts at the first flag after being clear.
     */
    async flag(
      company: string,
      asOf: string,
      rows: ReadonlyArray<{ customerId: string; level: number; documents: string[] }>,
    ): Promise<void> {
      if (!rows.length) return;
      const json = JSON.stringify(rows);
      await conn().execute(
        `with x as (
           select r."customerId" as customer_id, max(r.level) as level
           from jsonb_to_recordset(?::jsonb) as r("customerId" text, level smallint) group by 1
         )
         insert into ledger_customers as c (company, customer_id, dunning_level, dunning_flagged_at, dunning_cycle)
         select ?, x.customer_id, x.level, now(), ?::date from x
         on conflict (company, customer_id) do update set
           dunning_processed_at = case when c.dunning_level is distinct from excluded.dunning_level then null
             else c.dunning_processed_at end,
           dunning_date = case when c.dunning_level is distinct from excluded.dunning_level then null
             else c.dunning_date end,
           dunning_level = excluded.dunning_level,
           dunning_flagged_at = excluded.dunning_flagged_at,
           dunning_cycle = coalesce(c.dunning_cycle, excluded.dunning_cycle),
           updated_at = now()`,
        [json, company, asOf],
      );
      await conn().execute(
        `update ledger_items i set
           dunning_processed = case when i.dunning_level is distinct from x.level then false else i.dunning_processed end,
           dunning_date = case when i.dunning_level is distinct from x.level then null else i.dunning_date end,
           dunning_level = x.level, dunning_flagged = true
         from (select r."customerId" as customer_id, r.level, d.document
               from jsonb_to_recordset(?::jsonb) as r("customerId" text, level smallint, documents jsonb),
                    jsonb_array_elements_text(r.documents) as d(document)) x
         where i.company = ? and i.customer_id = x.customer_id and i.document = x.document`,
        [json, company],
      );
    },

    /** The letter of this level went out on `date`: the customer and the invoices it named are processed. */
    async processed(company: string, customerId: string, level: number, documents: string[], date: string) {
      await conn().execute(
        `update ledger_customers set dunning_level = ?, dunning_processed_at = now(), dunning_date = ?::date,
           updated_at = now()
         where company = ? and customer_id = ?`,
        [level, date, company, customerId],
      );
      await conn().execute(
        `update ledger_items set dunning_level = ?, dunning_flagged = true, dunning_processed = true,
           dunning_date = ?::date
         where company = ? and customer_id = ? and document = any(?::text[])`,
        [level, date, company, customerId, pgTextArray(documents)],
      );
    },

    /**
     * Clears the marks of customers with nothing overdue any more on `asOf` (no open invoice with an open amount
     * past its due date): they paid. Returns the customers cleared.
     */
    async clearPaid(company: string, asOf: string): Promise<string[]> {
      const cleared = await conn().execute<Array<{ customer_id: string }>>(
        `update ledger_customers c set dunning_level = null, dunning_flagged_at = null, dunning_processed_at = null,
           dunning_date = null, dunning_cycle = null, updated_at = now()
         where c.company = ? and (c.dunning_level is not null or c.dunning_cycle is not null)
           and not exists (select 1 from ledger_items i where i.company = c.company and i.customer_id = c.customer_id
             and i.status = 'open' and i.item_type = 'invoice' and i.open_amount > 0 and i.due_date < ?::date)
         returning c.customer_id`,
        [company, asOf],
      );
      const ids = cleared.map((r) => r.customer_id);
      await conn().execute(
        `update ledger_items set dunning_level = null, dunning_flagged = false, dunning_processed = false,
           dunning_date = null
         where company = ? and (dunning_level is not null or dunning_flagged)
           and (customer_id = any(?::text[]) or status = 'settled' or open_amount <= 0)`,
        [company, pgTextArray(ids)],
      );
      return ids;
    },

    /** Every open item of the customer, all currencies, credits included: what its statement shows. */
    async openItems(company: string, customerId: string): Promise<DunningStatementItem[]> {
      return conn().execute<DunningStatementItem[]>(
        `select document, item_type, to_char(document_date, 'YYYY-MM-DD') as document_date,
           to_char(due_date, 'YYYY-MM-DD') as due_date, currency, open_amount::text as open_amount, disputed
         from ledger_items where company = ? and customer_id = ? and status = 'open' and open_amount <> 0
         order by currency, due_date nulls last, document`,
        [company, customerId],
      );
    },

    async customerState(company: string, customerId: string): Promise<DunningCustomerState | undefined> {
      const [row] = await conn().execute<DunningCustomerState[]>(
        `select dunning_level, dunning_processed_at, to_char(dunning_cycle, 'YYYY-MM-DD') as dunning_cycle
         from ledger_customers where company = ? and customer_id = ?`,
        [company, customerId],
      );
      return row;
    },
  };
}
export type DunningMarksStore = ReturnType<typeof createDunningMarksStore>;
