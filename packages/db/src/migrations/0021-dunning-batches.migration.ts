import { Migration } from '@mikro-orm/migrations';

// The dunning run's review batch: what the classification proposed per customer and currency, what the collector
// changed (deselected, another level), and what was sent (the letter's outbox key), so a batch can be reviewed in
// the designer and sent once, whatever retries and crashes happen between the review and the SMTP server.
export class Migration0021DunningBatches extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table dunning_batches (
  id uuid primary key default gen_random_uuid(),
  company text not null default '',
  flow_id uuid references flows(id) on delete set null,
  run_id uuid not null,
  node_id text not null,
  as_of date not null,
  timezone text not null,
  status text not null default 'review' check (status in ('review', 'sending', 'sent', 'cancelled')),
  -- Letter template per level, company name, sender: what dunning.send needs besides the lines.
  config jsonb not null default '{}',
  skipped jsonb not null default '[]',
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  -- A retried classify activity finds its batch instead of writing a second one.
  unique (run_id, node_id)
);`);
    this.addSql(`create table dunning_batch_lines (
  id bigserial primary key,
  batch_id uuid not null references dunning_batches(id) on delete cascade,
  company text not null default '',
  customer_id text not null,
  customer_name text,
  language text,
  email text,
  currency text not null,
  level smallint not null,
  days integer not null,
  balance numeric(20, 4) not null,
  total_open numeric(20, 4) not null,
  penalty_flat numeric(20, 4) not null default 0,
  penalty_interest numeric(20, 4) not null default 0,
  -- Overdue invoices with their penalties, as the classification computed them (the statement's penalty lines).
  items jsonb not null default '[]',
  selected boolean not null default true,
  level_override smallint,
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'already_sent', 'failed')),
  letter_key text,
  error text,
  sent_at timestamptz,
  unique (batch_id, company, customer_id, currency)
);`);
    this.addSql(`create index dunning_batch_lines_customer on dunning_batch_lines (company, customer_id);`);
    // The cycle a customer's letters belong to: set when first flagged after being clear, cleared with the marks.
    // It is part of each letter's idempotency key, so a customer dunned again after paying gets new letters.
    this.addSql(`alter table ledger_customers add column dunning_cycle date;`);
  }
}
