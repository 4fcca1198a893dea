// Every status and kind vocabulary the platform stores or shows, declared once. The db stores type their rows
// with these, the API's schemas enumerate them, the designer labels them and the workflow sandbox reads them
// (this module imports nothing, so the workflow bundle can take it through '@ledgerflow/flow-model/vocabulary').

/** A run's projection (Temporal stays the source of truth). */
export const RUN_STATUSES = ['running', 'waiting', 'needs_attention', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A run in one of these never moves again. */
export const ENDED_RUN_STATUSES = ['completed', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];
export type EndedRunStatus = (typeof ENDED_RUN_STATUSES)[number];
/** Still going: shown as open work on dashboards. */
export const OPEN_RUN_STATUSES: readonly RunStatus[] = ['running', 'waiting', 'needs_attention'];

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'rejected', 'expired', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A task in one of these can still be claimed, moved or decided. */
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['open', 'claimed'];

/**
 * An outgoing message. 'sending' is reserved before the SMTP conversation; 'uncertain' when an attempt ended
 * without knowing whether the server accepted; 'pending' is a notice waiting for the dispatcher (again, after a
 * failed attempt, once its next attempt time is due); 'no_address' when the recipient has no email (or is disabled):
 * nothing was sent, and it must never read as 'sent'.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'uncertain', 'sent', 'failed', 'no_address'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A record feed's case: one per source key. */
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A file received for a file feed: 'refused' (a mail from a sender the feed does not allow; kept so it shows),
 * 'received' (stored, extraction not started), 'extracting', 'done' (its report says which rows were rejected) or
 * 'failed' (the file could not be read: the error names file, row and column).
 */
export const FEED_FILE_STATUSES = ['refused', 'received', 'extracting', 'done', 'failed'] as const;
export type FeedFileStatus = (typeof FEED_FILE_STATUSES)[number];
/** How a file reached its feed. */
export const FEED_FILE_ARRIVALS = ['upload', 'api', 'mail'] as const;
export type FeedFileArrival = (typeof FEED_FILE_ARRIVALS)[number];

export const isRunStatus = (s: unknown): s is RunStatus => (RUN_STATUSES as readonly unknown[]).includes(s);
export const isEndedRunStatus = (s: unknown): s is EndedRunStatus =>
  (ENDED_RUN_STATUSES as readonly unknown[]).includes(s);
export const isTaskStatus = (s: unknown): s is TaskStatus => (TASK_STATUSES as readonly unknown[]).includes(s);

/** A dunning run's review batch: reviewed, then sent (or cancelled by the collector's task decision). */
export const DUNNING_BATCH_STATUSES = ['review', 'sending', 'sent', 'cancelled'] as const;
export type DunningBatchStatus = (typeof DUNNING_BATCH_STATUSES)[number];
/** One customer and currency of a batch: its letter sent, already sent in this cycle, deselected, or refused. */
export const DUNNING_LINE_STATUSES = ['pending', 'sent', 'skipped', 'already_sent', 'failed'] as const;
export type DunningLineStatus = (typeof DUNNING_LINE_STATUSES)[number];

/** Node kinds whose execution waits on time or people: a cycle through one is allowed, a run parks in one. */
export const WAITING_KINDS = ['wait', 'waitForEvent', 'humanTask'] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

/** What a user may do; tasks are assigned to roles too. */
export const ROLES = ['admin', 'process_owner', 'approver', 'integrator', 'viewer', 'manager', 'collector'] as const;
export type Role = (typeof ROLES)[number];

/** What the audit log records: admin and security events (who, what, when, from where, before and after). */
export const AUDIT_ACTIONS = [
  'user.created',
  'user.changed',
  'user.disabled',
  'user.enabled',
  'user.roles_changed',
  'user.password_reset',
  'user.password_changed',
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'session.revoked',
  'connection.created',
  'connection.changed',
  'connection.tested',
  'connection.deleted',
  'keys.rotated',
  'flow.published',
  'flow.version_activated',
  'flow.runs_migrated',
  'task.exempted',
  'task.decided',
  'task.routed',
  'tasks.bulk_reassigned',
  'tasks.bulk_decided',
  'sso.settings_changed',
  'notice.resent',
  'schedule.paused',
  'schedule.resumed',
  'schedule.deactivated',
  'schedule.activated',
  'schedule.firings_skipped',
  'rates.changed',
  'ecb_rate.added',
  'ecb_rate.deleted',
  'feed.file_uploaded',
  'dunning.line_changed',
  'ledger.customer_changed',
  'template.created',
  'template.published',
  'run.cancelled',
  'run.retried',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
