import { Migration } from '@mikro-orm/migrations';

/**
 * Files received for a file feed (uploaded, sent through the API or mailed in): one row per file with how it came
 * and what its extraction reported, the content in bounded chunks so it is read as a stream and never held whole.
 * A key that leaves a full extract is marked gone on its case (`gone_at`), cleared when the key comes back.
 */
export class Migration0019FeedFiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table feed_files (
  id uuid primary key,
  flow_id uuid not null references flows(id) on delete cascade,
  name text not null,
  size bigint not null default 0,
  content_type text not null,
  sha256 text,
  sender text,
  arrived_via text not null,
  received_by uuid,
  received_at timestamptz not null default now(),
  status text not null,
  refusal text,
  report jsonb,
  error jsonb,
  finished_at timestamptz
);
create index feed_files_flow_idx on feed_files(flow_id, received_at desc);
create table feed_file_chunks (
  file_id uuid not null references feed_files(id) on delete cascade,
  seq integer not null,
  data bytea not null,
  primary key (file_id, seq)
);
alter table cases add column gone_at timestamptz;
`);
  }
}
