import { Migration } from '@mikro-orm/migrations';

export class Migration0003Triggers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
-- The business table a record feed fills: one row per business key (e.g. one credit note), pointing at its case run.
create table cases (
  flow_id uuid not null references flows(id) on delete cascade,
  business_key text not null,
  workflow_id text not null,
  run_id uuid,
  record jsonb not null,
  record_hash text not null,
  status text not null default 'open',
  updates integer not null default 0,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  closed_at timestamptz,
  primary key (flow_id, business_key)
);
create index cases_status_idx on cases(flow_id, status);
create table feed_state (
  flow_id uuid primary key references flows(id) on delete cascade,
  cursor text,
  last_polled_at timestamptz,
  last_stats jsonb not null default '{}'
);
alter table flows add column webhook_secret_enc text;
`);
  }
}
