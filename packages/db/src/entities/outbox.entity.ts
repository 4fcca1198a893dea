import { EntitySchema } from '@mikro-orm/core';

/** Every outgoing message, keyed by the idempotency key of the call that sent it. */
export interface OutboxMessageRow {
  key: string;
  channel: string;
  recipients: string[];
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  providerId?: string | null;
  error?: string | null;
  meta: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessageRow>({
  name: 'OutboxMessage',
  tableName: 'outbox_messages',
  properties: {
    key: { type: 'text', primary: true },
    channel: { type: 'text' },
    recipients: { type: 'text[]' },
    subject: { type: 'text' },
    status: { type: 'text' },
    providerId: { type: 'text', nullable: true },
    error: { type: 'text', nullable: true },
    meta: { type: 'json' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
