import { Migration } from '@mikro-orm/migrations';

/** One append-only audit log of admin and security events (a trigger refuses updates and deletes). */
export class Migration0011AuditLog extends Migration {
  override async up(): Promise<void> {
    // Filled in by the change that owns this migration.
    this.addSql('select 1');
  }
}
