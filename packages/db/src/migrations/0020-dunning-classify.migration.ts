import { Migration } from '@mikro-orm/migrations';

// ECB main refinancing rates (percent) by the date they took effect, as published on ecb.europa.eu ("Key ECB
// interest rates"). 0.00 from 2016-03-16 is the rate in force on 1 January 2022, the first semester seeded.
export const ECB_SEED: ReadonlyArray<readonly [string, string]> = [
  ['2016-03-16', '0.00'],
  ['2022-07-27', '0.50'],
  ['2022-09-14', '1.25'],
  ['2022-11-02', '2.00'],
  ['2022-12-21', '2.50'],
  ['2023-02-08', '3.00'],
  ['2023-03-22', '3.50'],
  ['2023-05-10', '3.75'],
  ['2023-06-21', '4.00'],
  ['2023-08-02', '4.25'],
  ['2023-09-20', '4.50'],
  ['2024-06-12', '4.25'],
  ['2024-09-18', '3.65'],
  ['2024-10-23', '3.40'],
  ['2024-12-18', '3.15'],
  ['2025-02-05', '2.90'],
  ['2025-03-12', '2.65'],
  ['2025-04-23', '2.40'],
  ['2025-06-11', '2.15'],
];

// Dunning classification: public holidays materialised per calendar and year so the set-based classification can
// move due dates to the next working day in SQL, and the ECB rates that French late-payment interest is based on.
export class Migration0020DunningClassify extends Migration {
  override async up(): Promise<void> {
    // Which years of a calendar are loaded: a year without any holiday still counts as loaded.
    this.addSql(`create table calendar_years (
  calendar text not null,
  year integer not null,
  loaded_at timestamptz not null default now(),
  primary key (calendar, year)
);`);
    this.addSql(`create table calendar_holidays (
  calendar text not null,
  day date not null,
  primary key (calendar, day)
);`);
    // Admin-maintained: the rate in force on a day is the row with the latest effective date on or before it.
    this.addSql(`create table ecb_rates (
  effective_date date primary key,
  rate numeric(7, 4) not null check (rate > -100 and rate < 100),
  created_at timestamptz not null default now(),
  created_by uuid references users(id) on delete set null
);`);
    this.addSql(
      `insert into ecb_rates (effective_date, rate) values ${ECB_SEED.map(([d, r]) => `('${d}', ${r})`).join(', ')};`,
    );
  }
}
