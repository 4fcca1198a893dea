import { Migration } from '@mikro-orm/migrations';

// The receivables ledger: customers and their open items as tables, filled set-based by ledger feeds, so dunning and
// KPIs work per customer over the whole ledger in SQL instead of one workflow per invoice.
export class Migration0018Ledger extends Migration {
  override async up(): Promise<void> {
    // One row per import (a feed extraction or an uploaded file). `as_of` is when the source's figures were true
    // (the extract's date), which history is dated by, so KPIs "as of" a past day read what was known then.
    this.addSql(`create table ledger_imports (
  id bigserial primary key,
  source text not null,
  company text not null default '',
  mode text not null check (mode in ('full', 'incremental')),
  as_of timestamptz not null,
  flow_id uuid references flows(id) on delete set null,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  rows_read bigint not null default 0,
  inserted bigint not null default 0,
  updated bigint not null default 0,
  unchanged bigint not null default 0,
  settled bigint not null default 0,
  -- All bad rows are counted; the first thousand are kept with their row number and field.
  error_count bigint not null default 0,
  errors jsonb not null default '[]',
  failure text,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);`);
    this.addSql(`create table ledger_customers (
  company text not null default '',
  customer_id text not null,
  name text,
  segment text,
  language text,
  email text,
  country text,
  -- date-holidays calendar (FR, DE-BY) used to move due dates that fall on a closed day.
  calendar text,
  excluded boolean not null default false,
  paused_until date,
  pause_reason text,
  -- Who follows the customer up: user names (a collector works the cases, the manager and process owner escalate).
  collector text,
  manager text,
  process_owner text,
  -- Dunning state of the customer: the level reached, when it was flagged (classified) and processed (letter sent).
  dunning_level smallint,
  dunning_flagged_at timestamptz,
  dunning_processed_at timestamptz,
  dunning_date date,
  raw jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (company, customer_id)
);`);
    this.addSql(`create table ledger_items (
  id bigserial primary key,
  source text not null,
  company text not null default '',
  customer_id text not null,
  document text not null,
  item_type text not null check (item_type in ('invoice', 'credit_note', 'payment')),
  document_date date,
  due_date date,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  -- Signed: credit notes and payments on account are negative, as in the source's open-item list.
  amount numeric(20, 4) not null,
  open_amount numeric(20, 4) not null,
  disputed boolean not null default false,
  dispute_status text,
  status text not null default 'open' check (status in ('open', 'settled')),
  settled_at timestamptz,
  -- Per invoice dunning marks, as NetSuite shows them: the level, flagged, processed and the date.
  dunning_level smallint,
  dunning_flagged boolean not null default false,
  dunning_processed boolean not null default false,
  dunning_date date,
  raw jsonb,
  -- A digest of the tracked columns: an unchanged row in a new snapshot writes nothing, not even history.
  row_hash text not null,
  -- No foreign key to ledger_imports here, nor from the history to its item or import: only the ingest writes
  -- them, in the statement that writes the item, and each per-row FK trigger would cost a fifth of an import.
  last_import_id bigint,
  first_seen_at timestamptz not null,
  updated_at timestamptz not null,
  unique (source, company, document)
);`);
    this.addSql(
      `create index ledger_items_customer_open on ledger_items (company, customer_id) where status = 'open';`,
    );
    // One row per state an item was in, valid from one import's as_of to the next change's (null = still current).
    this.addSql(`create table ledger_item_history (
  item_id bigint not null,
  valid_from timestamptz not null,
  valid_to timestamptz,
  import_id bigint,
  open_amount numeric(20, 4) not null,
  amount numeric(20, 4) not null,
  due_date date,
  disputed boolean not null,
  status text not null,
  primary key (item_id, valid_from)
);`);
    // No index on (valid_from, valid_to): an as-of read over the ledger reads most rows anyway, and each index
    // costs every import; reads per item use the primary key.
  }
}
