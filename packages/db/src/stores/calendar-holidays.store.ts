import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

/**
 * Public holidays materialised per calendar and year (calendar_years, calendar_holidays) from the flow model's
 * business calendars, so set-based SQL can tell working days. A year is loaded once, holidays or not.
 */
export function createCalendarHolidaysStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** The (calendar, year) pairs of the ranges that are loaded already. */
    async loadedYears(calendars: readonly string[], from: number, to: number): Promise<Set<string>> {
      const rows = await conn().execute<Array<{ calendar: string; year: number }>>(
        `select calendar, year from calendar_years where calendar = any(?::text[]) and year between ? and ?`,
        [pgTextArray(calendars), from, to],
      );
      return new Set(rows.map((r) => `${r.calendar}:${r.year}`));
    },
    /** Stores a year's holidays ('YYYY-MM-DD'); a concurrent load of the same year is harmless. */
    async saveYear(calendar: string, year: number, days: readonly string[]): Promise<void> {
      await em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        const ctx = tx.getTransactionContext();
        await c.execute(
          `insert into calendar_holidays (calendar, day) select ?, d::date from unnest(?::text[]) d
           on conflict do nothing`,
          [calendar, pgTextArray(days)],
          'run',
          ctx,
        );
        await c.execute(
          `insert into calendar_years (calendar, year) values (?, ?) on conflict do nothing`,
          [calendar, year],
          'run',
          ctx,
        );
      });
    },
  };
}
export type CalendarHolidaysStore = ReturnType<typeof createCalendarHolidaysStore>;
