import { Migration } from '@mikro-orm/migrations';

/**
 * Audit entries written by activities carry a key: a retried activity must not record its event twice, and
 * the append-only log cannot be cleaned up afterwards.
 */
export class Migration0017AuditDedupe extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table audit_log add column dedupe_key text;
create unique index audit_log_dedupe_idx on audit_log(dedupe_key) where dedupe_key is not null;
`);
  }
}
