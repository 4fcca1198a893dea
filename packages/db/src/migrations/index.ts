import { Migration0001Initial } from './0001-initial.migration.ts';
import { Migration0002TasksInbox } from './0002-tasks-inbox.migration.ts';
import { Migration0003Triggers } from './0003-triggers.migration.ts';
import { Migration0004ConnectionSecretNames } from './0004-connection-secret-names.migration.ts';
import { Migration0005InboxSortIndexes } from './0005-inbox-sort-indexes.migration.ts';
import { Migration0006FeedSyncProgress } from './0006-feed-sync-progress.migration.ts';
import { Migration0007OutboxPendingIdx } from './0007-outbox-pending-idx.migration.ts';
import { Migration0009RunStartSecurity } from './0009-run-start-security.migration.ts';
import { Migration0010UsersAdmin } from './0010-users-admin.migration.ts';
import { Migration0011AuditLog } from './0011-audit-log.migration.ts';
import { Migration0012Sso } from './0012-sso.migration.ts';
import { Migration0013ApprovalRouting } from './0013-approval-routing.migration.ts';
import { Migration0014NoticeRetries } from './0014-notice-retries.migration.ts';
import { Migration0015ScheduleState } from './0015-schedule-state.migration.ts';
import { Migration0016ExchangeRates } from './0016-exchange-rates.migration.ts';
import { Migration0017AuditDedupe } from './0017-audit-dedupe.migration.ts';
import { Migration0018Ledger } from './0018-ledger.migration.ts';
import { Migration0019FeedFiles } from './0019-feed-files.migration.ts';
import { Migration0020DunningClassify } from './0020-dunning-classify.migration.ts';
import { Migration0021DunningBatches } from './0021-dunning-batches.migration.ts';
import { Migration0022CompanyTimezone } from './0022-company-timezone.migration.ts';
import { Migration0023EmailTemplates } from './0023-email-templates.migration.ts';

/** Ordered, committed migrations. Names are recorded in mikro_orm_migrations; never rename one. */
export const migrationsList = [
  { name: '0001-initial', class: Migration0001Initial },
  { name: '0002-tasks-inbox', class: Migration0002TasksInbox },
  { name: '0003-triggers', class: Migration0003Triggers },
  { name: '0004-connection-secret-names', class: Migration0004ConnectionSecretNames },
  { name: '0005-inbox-sort-indexes', class: Migration0005InboxSortIndexes },
  { name: '0006-feed-sync-progress', class: Migration0006FeedSyncProgress },
  { name: '0007-outbox-pending-idx', class: Migration0007OutboxPendingIdx },
  { name: '0009-run-start-security', class: Migration0009RunStartSecurity },
  { name: '0010-users-admin', class: Migration0010UsersAdmin },
  { name: '0011-audit-log', class: Migration0011AuditLog },
  { name: '0012-sso', class: Migration0012Sso },
  { name: '0013-approval-routing', class: Migration0013ApprovalRouting },
  { name: '0014-notice-retries', class: Migration0014NoticeRetries },
  { name: '0015-schedule-state', class: Migration0015ScheduleState },
  { name: '0016-exchange-rates', class: Migration0016ExchangeRates },
  { name: '0017-audit-dedupe', class: Migration0017AuditDedupe },
  { name: '0018-ledger', class: Migration0018Ledger },
  { name: '0019-feed-files', class: Migration0019FeedFiles },
  { name: '0020-dunning-classify', class: Migration0020DunningClassify },
  { name: '0021-dunning-batches', class: Migration0021DunningBatches },
  { name: '0022-company-timezone', class: Migration0022CompanyTimezone },
  { name: '0023-email-templates', class: Migration0023EmailTemplates },
];
