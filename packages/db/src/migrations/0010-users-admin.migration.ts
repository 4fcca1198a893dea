import { Migration } from '@mikro-orm/migrations';

/** Users administered from the UI: manager, approval limit, forced password change; sessions listed and revoked. */
export class Migration0010UsersAdmin extends Migration {
  override async up(): Promise<void> {
    // Filled in by the change that owns this migration.
    this.addSql('select 1');
  }
}
