// The outbox panel and the task notices that did not reach someone: listing, resending, and the task page's warning.
import { Type } from '@sinclair/typebox';
import { withErrors } from './common.schema.ts';
import { OutboxStatusSchema } from './vocabulary.schema.ts';

// type: [string, null] (not anyOf): fast-json-stringify serializes it without trying each branch.
const Nullable = (_t: ReturnType<typeof Type.String>) => Type.Unsafe<string | null>({ type: ['string', 'null'] });
const Str = Type.String();

const OutboxItem = Type.Object({
  key: Str,
  channel: Str,
  recipients: Type.Array(Str),
  subject: Str,
  status: OutboxStatusSchema,
  error: Nullable(Str),
  meta: Type.Unknown(),
  createdAt: Str,
  attempts: Type.Integer({ description: 'delivery attempts made (task notices)' }),
  nextAttemptAt: Nullable(Type.String({ description: 'when a notice that failed is tried again; null: not waiting' })),
  lastError: Nullable(Type.String({ description: 'error of the last failed attempt, kept after a later success' })),
});

/** A recipient a task's notices did not reach, for the task page's warning. */
export const UnreachableRecipient = Type.Object({
  username: Str,
  status: OutboxStatusSchema,
  noticeKey: Str,
  error: Nullable(Str),
  at: Str,
});

export const ListOutboxSchema = {
  tags: ['tasks'],
  summary:
    'Outgoing messages: task notices (sent by the worker when NOTIFY_MAIL_CONNECTION names an email connection) ' +
    'and connector emails',
  querystring: Type.Object({
    channel: Type.Optional(Type.String({ maxLength: 50 })),
    taskId: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  }),
  response: withErrors({ 200: Type.Object({ items: Type.Array(OutboxItem) }) }),
} as const;

export const ResendNoticeSchema = {
  tags: ['tasks'],
  summary:
    'Put a failed or no-address task notice back in the queue (no-address only once a recipient has an address); ' +
    'recipients already mailed are not mailed again',
  params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 300, pattern: '^task:' }) }),
  response: withErrors({ 200: OutboxItem }),
} as const;
