import type { EntityManager } from '@mikro-orm/postgresql';

/** A customer's open and overdue balance in one currency, exact decimal text. */
export type LedgerBalance = { currency: string; open: string; overdue: string; items: number };
export type LedgerCustomerRow = {
  company: string;
  customer_id: string;
  name: string | null;
  segment: string | null;
  language: string | null;
  email: string | null;
  country: string | null;
  calendar: string | null;
  excluded: boolean;
  paused_until: string | null;
  pause_reason: string | null;
  collector: string | null;
  manager: string | null;
  process_owner: string | null;
  dunning_level: number | null;
  dunning_flagged_at: string | null;
  dunning_processed_at: string | null;
  dunning_date: string | null;
  updated_at: string;
  balances: LedgerBalance[];
};
/** The fields a user may change; absent keys are left as they are, null clears. */
export type LedgerCustomerPatch = Partial<{
  excluded: boolean;
  paused_until: string | null;
  pause_reason: string | null;
  segment: string | null;
  language: string | null;
  email: string | null;
  calendar: string | null;
  collector: string | null;
  manager: string | null;
  process_owner: string | null;
}>;
export const LEDGER_CUSTOMER_PATCH_FIELDS = [
  'excluded',
  'paused_until',
  'pause_reason',
  'segment',
  'language',
  'email',
  'calendar',
  'collector',
  'manager',
  'process_owner',
] as const;
export const LEDGER_CUSTOMER_SORTS = ['customer_id', 'name', 'segment', 'updated_at'] as const;
export type LedgerCustomerQuery = {
  q?: string;
  company?: string;
  segment?: string;
  /** Only customers with at least one open item. */
  withOpen?: boolean;
  sort: (typeof LEDGER_CUSTOMER_SORTS)[number];
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Items due before this day are overdue; null: the company's today (company_settings.timezone). */
  asOfDate: string | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const COLUMNS = `c.company, c.customer_id, c.name, c.segment, c.language, c.email, c.country, c.calendar, c.excluded,
  c.paused_until::text as paused_until, c.pause_reason, c.collector, c.manager, c.process_owner, c.dunning_level,
  c.dunning_flagged_at::text as dunning_flagged_at, c.dunning_processed_at::text as dunning_processed_at,
  c.dunning_date::text as dunning_date, c.updated_at::text as updated_at`;
const TODAY = `coalesce(?::date,
  (now() at time zone coalesce((select cs.timezone from company_settings cs), 'Europe/Paris'))::date)`;
// Per currency over the open items (partial index ledger_items_customer_open), for the customers of one page only.
const BALANCES = `coalesce((select jsonb_agg(jsonb_build_object('currency', x.currency, 'open', x.open::text,
    'overdue', x.overdue::text, 'items', x.n) order by x.currency)
  from (select i.currency, sum(i.open_amount) as open, coalesce(sum(i.open_amount) filter (where i.due_date < ${TODAY}), 0)
      as overdue, count(*)::int as n
    from ledger_items i where i.company = c.company and i.customer_id = c.customer_id and i.status = 'open'
    group by i.currency) x), '[]'::jsonb) as balances`;

export function createLedgerCustomersStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async list(q: LedgerCustomerQuery): Promise<{ rows: LedgerCustomerRow[]; total: number }> {
      const parts: string[] = [];
      const args: unknown[] = [];
      if (q.q) {
        parts.push(`(c.customer_id ilike ? or c.name ilike ?)`);
        const like = `%${likeEscape(q.q)}%`;
        args.push(like, like);
      }
      if (q.company !== undefined) (parts.push('c.company = ?'), args.push(q.company));
      if (q.segment) (parts.push('c.segment = ?'), args.push(q.segment));
      if (q.withOpen)
        parts.push(
          `exists (select 1 from ledger_items i where i.company = c.company and i.customer_id = c.customer_id and i.status = 'open')`,
        );
      const where = parts.length ? `where ${parts.join(' and ')}` : '';
      // The sort column comes from LEDGER_CUSTOMER_SORTS (validated by the route), never from raw input.
      const sort = LEDGER_CUSTOMER_SORTS.includes(q.sort) ? q.sort : 'customer_id';
      const dir = q.dir === 'desc' ? 'desc' : 'asc';
      const rows = await conn().execute<LedgerCustomerRow[]>(
        `select ${COLUMNS}, ${BALANCES} from (select * from ledger_customers c ${where}
           order by c.${sort} ${dir} nulls last, c.company, c.customer_id limit ? offset ?) c
         order by c.${sort} ${dir} nulls last, c.company, c.customer_id`,
        [q.asOfDate, ...args, q.limit, q.offset],
      );
      const [count] = await conn().execute<Array<{ n: number }>>(
        `select count(*)::int as n from ledger_customers c ${where}`,
        args,
      );
      return { rows, total: count?.n ?? 0 };
    },
    async get(
      company: string,
      customerId: string,
      asOfDate: string | null = null,
    ): Promise<LedgerCustomerRow | undefined> {
      const [row] = await conn().execute<LedgerCustomerRow[]>(
        `select ${COLUMNS}, ${BALANCES} from ledger_customers c where c.company = ? and c.customer_id = ?`,
        [asOfDate, company, customerId],
      );
      return row;
    },
    /** Applies the patch; returns the row before and after, or undefined when the customer is unknown. */
    async update(
      company: string,
      customerId: string,
      patch: LedgerCustomerPatch,
      asOfDate: string | null = null,
    ): Promise<{ before: LedgerCustomerRow; after: LedgerCustomerRow } | undefined> {
      const before = await this.get(company, customerId, asOfDate);
      if (!before) return undefined;
      const keys = LEDGER_CUSTOMER_PATCH_FIELDS.filter((k) => patch[k] !== undefined);
      if (keys.length > 0)
        await conn().execute(
          `update ledger_customers set ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = now()
           where company = ? and customer_id = ?`,
          [...keys.map((k) => patch[k]), company, customerId],
        );
      const after = (await this.get(company, customerId, asOfDate))!;
      return { before, after };
    },
  };
}
export type LedgerCustomersStore = ReturnType<typeof createLedgerCustomersStore>;
