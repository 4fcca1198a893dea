import type { EntityManager } from '@mikro-orm/postgresql';

/** An ECB main refinancing rate (percent) from its effective date on. */
export type EcbRateRow = {
  effective_date: string;
  rate: string;
  created_at: Date | string;
  created_by: string | null;
  created_by_username: string | null;
};

/** The ECB rates late-payment interest is computed with; admins maintain them (one row per effective date). */
export function createEcbRatesStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async list(): Promise<EcbRateRow[]> {
      return conn().execute<EcbRateRow[]>(
        `select r.effective_date::text as effective_date, r.rate::text as rate, r.created_at, r.created_by,
           u.username as created_by_username
         from ecb_rates r left join users u on u.id = r.created_by order by r.effective_date desc`,
      );
    },
    /** Adds a rate; false when that effective date has one already. */
    async add(effectiveDate: string, rate: string, userId: string | null): Promise<boolean> {
      const rows = await conn().execute<Array<{ effective_date: string }>>(
        `insert into ecb_rates (effective_date, rate, created_by) values (?::date, ?::numeric, ?)
         on conflict (effective_date) do nothing returning effective_date::text`,
        [effectiveDate, rate, userId],
      );
      return rows.length > 0;
    },
    /** Removes the rate of a date and returns it, or null when there was none. */
    async remove(effectiveDate: string): Promise<{ effective_date: string; rate: string } | null> {
      const [row] = await conn().execute<Array<{ effective_date: string; rate: string }>>(
        `delete from ecb_rates where effective_date = ?::date returning effective_date::text, rate::text`,
        [effectiveDate],
      );
      return row ?? null;
    },
  };
}
export type EcbRatesStore = ReturnType<typeof createEcbRatesStore>;
