import { Migration } from '@mikro-orm/migrations';

export class Migration0007OutboxPendingIdx extends Migration {
  override async up(): Promise<void> {
    // Workers poll for task notices to mail every couple of seconds; the outbox keeps every email ever sent,
    // so the poll reads a small partial index instead of the table.
    this.addSql(
      `create index outbox_task_notices_pending_idx on outbox_messages(created_at) where channel = 'email' and status in ('pending', 'sending') and key like 'task:%';`,
    );
  }
}
