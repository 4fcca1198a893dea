import { Migration } from '@mikro-orm/migrations';

/** Approval limits and manager routing on tasks. */
export class Migration0013ApprovalRouting extends Migration {
  override async up(): Promise<void> {
    // Filled in by the change that owns this migration.
    this.addSql('select 1');
  }
}
