import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

/** A rate: one unit of `currency` is worth `rate_to_company` units of the company currency. */
export type ExchangeRateRow = {
  currency: string;
  rate_to_company: string;
  updated_at: Date | string;
  updated_by: string | null;
  updated_by_username: string | null;
};
export type CompanyCurrencyRow = {
  currency: string;
  /** IANA zone whose midnights bound the ledger KPIs' days and the home page's weeks. */
  timezone: string;
  updated_at: Date | string;
  updated_by: string | null;
};

/** SQL over tasks aliased `a`: the rate that converts its amount to the company currency (1 when already in it). */
export const taskRateSql = (a: string) => `(case when ${a}.currency = (select cs.currency from company_settings cs)
  then 1::numeric else (select r.rate_to_company from exchange_rates r where r.currency = ${a}.currency) end)`;

/** SQL over tasks aliased `a`: its amount in the company currency rounded to that currency's digits, and the currency. */
export const companyAmountColumns = (a: string) =>
  `round(${a}.amount::numeric * ${taskRateSql(a)}, (select cs.currency_digits from company_settings cs))::text
    as amount_company, (select cs.currency from company_settings cs) as company_currency`;

export function createExchangeRatesStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async companyCurrency(): Promise<CompanyCurrencyRow> {
      const [row] = await conn().execute<CompanyCurrencyRow[]>(
        'select currency, timezone, updated_at, updated_by from company_settings',
      );
      return row ?? { currency: 'EUR', timezone: 'Europe/Paris', updated_at: new Date(0), updated_by: null };
    },
    /** Whether Postgres knows the zone by this name: company_settings' check would refuse it otherwise. */
    async knowsTimezone(name: string): Promise<boolean> {
      const [row] = await conn().execute<Array<{ known: boolean }>>(
        'select exists (select 1 from pg_timezone_names where name = ?) as known',
        [name],
      );
      return row?.known === true;
    },
    async list(): Promise<ExchangeRateRow[]> {
      return conn().execute<ExchangeRateRow[]>(
        `select r.currency, r.rate_to_company::text as rate_to_company, r.updated_at, r.updated_by,
           u.username as updated_by_username
         from exchange_rates r left join users u on u.id = r.updated_by order by r.currency`,
      );
    },
    /**
     * Replaces the company currency (and the timezone unless null) and the whole rate table in one transaction; rates
     * whose value did not change keep their date and author.
     */
    async replace(
      currency: string,
      digits: number,
      rates: ReadonlyArray<{ currency: string; rate: string }>,
      userId: string | null,
      timezone: string | null = null,
    ): Promise<void> {
      await em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        const ctx = tx.getTransactionContext();
        await c.execute(
          `update company_settings set currency = ?, currency_digits = ?, updated_at = now(), updated_by = ?
           where currency is distinct from ?`,
          [currency, digits, userId, currency],
          'run',
          ctx,
        );
        if (timezone !== null)
          await c.execute(
            `update company_settings set timezone = ?, updated_at = now(), updated_by = ?
             where timezone is distinct from ?`,
            [timezone, userId, timezone],
            'run',
            ctx,
          );
        const codes = rates.map((r) => r.currency);
        await c.execute(
          'delete from exchange_rates where not (currency = any(?::text[]))',
          [pgTextArray(codes)],
          'run',
          ctx,
        );
        for (const r of rates)
          await c.execute(
            `insert into exchange_rates (currency, rate_to_company, updated_by) values (?, ?::numeric, ?)
             on conflict (currency) do update set rate_to_company = excluded.rate_to_company, updated_at = now(),
               updated_by = excluded.updated_by
             where exchange_rates.rate_to_company <> excluded.rate_to_company`,
            [r.currency, r.rate, userId],
            'run',
            ctx,
          );
      });
    },
  };
}
export type ExchangeRatesStore = ReturnType<typeof createExchangeRatesStore>;
