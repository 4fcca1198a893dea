import { Migration } from '@mikro-orm/migrations';

export class Migration0016ExchangeRates extends Migration {
  override async up(): Promise<void> {
    // One row: the currency the worklist ranks amounts in. EUR until an admin says otherwise.
    this.addSql(`create table company_settings (
  id boolean primary key default true check (id),
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  -- The currency's minor-unit digits (set with it from the money module): the inbox rounds converted amounts in SQL.
  currency_digits smallint not null default 2 check (currency_digits between 0 and 4),
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id)
);`);
    this.addSql(`insert into company_settings (id) values (true);`);
    // What one unit of a currency is worth in the company currency; the company currency itself needs no row.
    this.addSql(`create table exchange_rates (
  currency text primary key check (currency ~ '^[A-Z]{3}$'),
  rate_to_company numeric(24, 10) not null check (rate_to_company > 0),
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id)
);`);
  }
}
