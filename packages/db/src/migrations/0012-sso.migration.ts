import { Migration } from '@mikro-orm/migrations';

/** Single sign-on settings (OpenID Connect), the client secret encrypted like connection secrets. */
export class Migration0012Sso extends Migration {
  override async up(): Promise<void> {
    // Filled in by the change that owns this migration.
    this.addSql('select 1');
  }
}
