import { Migration } from '@mikro-orm/migrations';

export class Migration0004ConnectionSecretNames extends Migration {
  override async up(): Promise<void> {
    // The names (never the values) of a connection's secrets, so the UI can show which are set.
    this.addSql(`alter table connections add column secret_names text[] not null default '{}';`);
  }
}
