import { Migration } from '@mikro-orm/migrations';

/**
 * The company's business timezone: ledger KPIs read history "as of the end of a day" and "at the start of a period",
 * and those instants are midnights where the company is, not in UTC (an import at 00:30 in Paris on 1 November
 * belongs to November even though it is still 31 October in UTC).
 */
export class Migration0022CompanyTimezone extends Migration {
  override async up(): Promise<void> {
    // The check converts a fixed instant into the zone, so a name Postgres does not know is refused on write, never
    // at the first KPI read.
    this.addSql(`alter table company_settings add column timezone text not null default 'Europe/Paris'
  check ((timestamptz '2000-01-01 00:00Z' at time zone timezone) is not null);`);
  }
}
