import { Migration } from '@mikro-orm/migrations';

/**
 * Who started a run (it decides who may read it), the Idempotency-Key a start was made with (a retried
 * start returns the first run), and the webhook deliveries already accepted (a replayed request is refused).
 */
export class Migration0009RunStartSecurity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table runs add column started_by uuid references users(id) on delete set null;
alter table runs add column idempotency_key text;
create unique index runs_idempotency_key_idx on runs(idempotency_key) where idempotency_key is not null;
create index runs_started_by_idx on runs(started_by, started_at desc) where started_by is not null;
create table webhook_deliveries (
  flow_id uuid not null references flows(id) on delete cascade,
  delivery_id text not null,
  received_at timestamptz not null default now(),
  primary key (flow_id, delivery_id)
);
create index webhook_deliveries_received_idx on webhook_deliveries(received_at);
`);
  }
}
