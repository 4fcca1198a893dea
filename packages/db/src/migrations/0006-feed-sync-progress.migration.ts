import { Migration } from '@mikro-orm/migrations';

export class Migration0006FeedSyncProgress extends Migration {
  override async up(): Promise<void> {
    // An extraction can read thousands of records: the dashboard shows it running, page by page, and how it ended.
    this.addSql(`alter table feed_state
      add column sync_started_at timestamptz,
      add column sync_finished_at timestamptz,
      add column sync_error text;`);
  }
}
