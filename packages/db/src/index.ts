export { initOrm, migrate, entities, redact } from './orm.ts';
export type { DbOptions } from './orm.ts';
export { StartupError } from './startup-error.ts';
export { Env, loadEnv } from './env.schema.ts';
export { createRunStore, insertRun } from './stores/runs.store.ts';
export type { RunStore, RunRow, NewRun, RunReader, RunFilter, RunStatsRow } from './stores/runs.store.ts';
export { createRunEventStore, RUN_EVENT_TYPES } from './stores/run-events.store.ts';
export type {
  RunEventStore,
  RunEventRow,
  RunEventType,
  RunEventInput,
  RunProjectionInput,
  RunProgress,
} from './stores/run-events.store.ts';
export { createFlowStore } from './stores/flows.store.ts';
export type {
  FlowStore,
  FlowRow,
  FlowVersionRow,
  FlowVersionSummaryRow,
  FlowVersionDetailRow,
  PublishResult,
  RunnableVersionRow,
} from './stores/flows.store.ts';
export { createConnectionStore, isConnectionNameTaken } from './stores/connections.store.ts';
export type {
  ConnectionStore,
  ConnectionRow,
  ConnectionSecretRow,
  ConnectionWrite,
} from './stores/connections.store.ts';
export { createCaseStore } from './stores/cases.store.ts';
export type { CaseStore, CaseRow, CaseListRow, CaseListQuery, CaseUpsert } from './stores/cases.store.ts';
export { createFeedStateStore } from './stores/feed-state.store.ts';
export type { FeedStateStore, FeedStateRow } from './stores/feed-state.store.ts';
export {
  createFeedFileStore,
  feedFileSource,
  FeedFileTooLargeError,
  FEED_FILE_CHUNK_BYTES,
} from './stores/feed-files.store.ts';
export type { FeedFileStore, FeedFileRow, NewFeedFile } from './stores/feed-files.store.ts';
export { createScheduleStateStore } from './stores/schedule-state.store.ts';
export { createExchangeRatesStore, taskRateSql, companyAmountColumns } from './stores/exchange-rates.store.ts';
export type { ExchangeRatesStore, ExchangeRateRow, CompanyCurrencyRow } from './stores/exchange-rates.store.ts';
export type { ScheduleStateStore, ScheduleStateRow } from './stores/schedule-state.store.ts';
export { createWebhookDeliveryStore } from './stores/webhook-deliveries.store.ts';
export type { WebhookDeliveryStore } from './stores/webhook-deliveries.store.ts';
export { pingDatabase } from './ping.ts';
export { sqlAmount, sqlCurrency, sqlDate } from './sql-json-values.ts';
export { createTaskStore, createTaskWriter } from './stores/tasks.store.ts';
export type {
  TaskRow,
  TaskListRow,
  TaskHistoryRow,
  TaskOutcomeRow,
  TaskAssigneeType,
  TaskStore,
  TaskWriter,
  NewTask,
  TaskChange,
  TaskChangeInput,
  TaskRepairCandidate,
} from './stores/tasks.store.ts';
export { createTaskInboxStore, inboxViewPredicate, taskReadPredicate } from './stores/task-inbox.store.ts';
export type {
  TaskInboxStore,
  TaskReader,
  InboxView,
  InboxSort,
  InboxQuery,
  InboxRow,
} from './stores/task-inbox.store.ts';
export { createTaskFilesStore } from './stores/task-files.store.ts';
export type {
  TaskFilesStore,
  TaskCommentRow,
  TaskAttachmentRow,
  NewTaskAttachment,
} from './stores/task-files.store.ts';
export { createOutboxStore, createPgOutbox } from './stores/outbox.store.ts';
export type { OutboxStore, OutboxRow, OutboxReservation, ClaimedNotice } from './stores/outbox.store.ts';
export { createUserStore } from './stores/users.store.ts';
export type {
  UserStore,
  UserLoginRow,
  UserContactRow,
  NewUser,
  UserAdminRow,
  UserChanges,
  ApprovalProfile,
  RoleApprover,
} from './stores/users.store.ts';
export { createDirectoryStore } from './stores/directory.store.ts';
export type { DirectoryStore, DirectoryUser } from './stores/directory.store.ts';
export { createSessionStore } from './stores/sessions.store.ts';
export type { SessionStore, SessionUserRow, SessionView } from './stores/sessions.store.ts';
export { createCustomerStore } from './stores/customers.store.ts';
export type {
  CustomerStore,
  CustomerSummaryRow,
  CustomerTaskRow,
  CustomerTaskHistoryRow,
  CustomerCommentRow,
} from './stores/customers.store.ts';
export { createReceivablesStore } from './stores/receivables.store.ts';
export type { ReceivablesStore, ReceivablesRow, ReceivablesFields } from './stores/receivables.store.ts';
export { createAuditStore } from './stores/audit.store.ts';
export type {
  AuditStore,
  AuditRow,
  AuditFilter,
  NewAuditEntry,
  ChainTaskRow,
  CustomerCaseRow,
} from './stores/audit.store.ts';
export { SecretBox } from './secret-box.ts';
export type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
export { pgTextArray } from './pg-array.ts';
export { preparedQuery } from './prepared.ts';
export { pgTimestampIso } from './pg-timestamp.ts';
export { createSsoSettingsStore } from './stores/sso-settings.store.ts';
export type { SsoSettingsStore, SsoSettingsRow, SsoSettingsWrite } from './stores/sso-settings.store.ts';
export { createSsoIdentityStore } from './stores/sso-identities.store.ts';
export type { SsoIdentityStore } from './stores/sso-identities.store.ts';
export { createDunningBatchStore } from './stores/dunning-batches.store.ts';
export type {
  DunningBatchStore,
  DunningBatchRow,
  DunningLineRow,
  DunningLineItem,
  DunningReviewTask,
  NewDunningBatch,
  NewDunningLine,
} from './stores/dunning-batches.store.ts';
export { createDunningMarksStore } from './stores/dunning-marks.store.ts';
export type { DunningMarksStore, DunningCustomerState, DunningStatementItem } from './stores/dunning-marks.store.ts';
export { createLedgerImportsStore } from './stores/ledger-imports.store.ts';
export type { LedgerImportsStore, LedgerImportRow, LedgerImportFilter } from './stores/ledger-imports.store.ts';
export { createLedgerItemsStore, LEDGER_ITEM_COLUMNS } from './stores/ledger-items.store.ts';
export type {
  LedgerItemsStore,
  LedgerItemRow,
  LedgerItemHistoryRow,
  LedgerItemFilter,
} from './stores/ledger-items.store.ts';
export type { LedgerIngestInput, LedgerIngestResult } from './stores/ledger-ingest.ts';
export { LEDGER_ITEM_TYPES } from './stores/ledger-stage.ts';
export type { LedgerRowInput, LedgerCustomerInput, LedgerRowError } from './stores/ledger-stage.ts';
export {
  createLedgerCustomersStore,
  LEDGER_CUSTOMER_PATCH_FIELDS,
  LEDGER_CUSTOMER_SORTS,
} from './stores/ledger-customers.store.ts';
export type {
  LedgerCustomersStore,
  LedgerCustomerRow,
  LedgerCustomerPatch,
  LedgerCustomerQuery,
  LedgerBalance,
} from './stores/ledger-customers.store.ts';
export { createDunningClassificationStore } from './stores/dunning-classification.store.ts';
export type {
  DunningClassificationStore,
  DunningClassRow,
  OverdueInvoiceTuple,
  ClassifyScope,
} from './stores/dunning-classification.store.ts';
export { createCalendarHolidaysStore } from './stores/calendar-holidays.store.ts';
export type { CalendarHolidaysStore } from './stores/calendar-holidays.store.ts';
export { createEcbRatesStore } from './stores/ecb-rates.store.ts';
export type { EcbRatesStore, EcbRateRow } from './stores/ecb-rates.store.ts';
export { createEmailTemplateStore } from './stores/email-templates.store.ts';
export type {
  EmailTemplateStore,
  EmailTemplateRow,
  EmailTemplateVersionRow,
  LetterFilter,
  LetterKey,
  LetterBody,
} from './stores/email-templates.store.ts';
export { createLedgerKpisStore } from './stores/ledger-kpis.store.ts';
export type { LedgerKpisStore, LedgerKpiRow, KpiWindow, KpiFilter } from './stores/ledger-kpis.store.ts';
export { createHomeFiguresStore } from './stores/home-figures.store.ts';
export type { HomeFiguresStore, HomeFiguresRow, HomeWeekRow, MoneyFigureRow } from './stores/home-figures.store.ts';
export { RUN_SORTS, RUN_TASK_FILTERS, APPROVED_OUTCOMES } from './stores/runs.store.ts';
export type { RunSort, RunTaskFilter } from './stores/runs.store.ts';
