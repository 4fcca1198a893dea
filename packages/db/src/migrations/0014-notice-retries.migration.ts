import { Migration } from '@mikro-orm/migrations';

/** Task notices: no-address status, attempts and next attempt time for retries with backoff. */
export class Migration0014NoticeRetries extends Migration {
  override async up(): Promise<void> {
    // 'no_address' needs no DDL: status is free text typed by OUTBOX_STATUSES. A null next_attempt_at is due now.
    this.addSql(
      `alter table outbox_messages add column attempts integer not null default 0, add column next_attempt_at timestamptz, add column last_error text;`,
    );
    // The task page reads its notices on every open (who could not be reached), the outbox panel filters by task.
    this.addSql(
      `create index outbox_task_id_idx on outbox_messages ((meta->>'taskId')) where (meta->>'taskId') is not null;`,
    );
  }
}
