import { Migration } from '@mikro-orm/migrations';

export class Migration0015ScheduleState extends Migration {
  override async up(): Promise<void> {
    // Temporal only counts skipped firings for a schedule's lifetime (deactivate or re-creating resets it), and has no
    // notion of a deactivated trigger: both are kept here so they survive the schedule.
    this.addSql(`create table schedule_state (
  flow_id uuid primary key references flows(id) on delete cascade,
  deactivated_at timestamptz,
  deactivated_by uuid references users(id),
  skipped_seen integer not null default 0,
  skipped_total integer not null default 0,
  last_skip_seen_at timestamptz
);`);
  }
}
