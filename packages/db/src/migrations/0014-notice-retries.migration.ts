import { Migration } from '@mikro-orm/migrations';

/** Task notices: no-address status, attempts and next attempt time for retries with backoff. */
export class Migration0014NoticeRetries extends Migration {
  override async up(): Promise<void> {
    // Filled in by the change that owns this migration.
    this.addSql('select 1');
  }
}
