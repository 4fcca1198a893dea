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

/** A connector connection. Secrets are AES-256-GCM ciphertext; the API never returns them. */
export interface ConnectionRow {
  id: string;
  name: string;
  connectorId: string;
  config: Record<string, unknown>;
  secretsEnc: string;
  keyId: string;
  createdAt: Date;
  updatedAt: Date;
}

export const ConnectionSchema = new EntitySchema<ConnectionRow>({
  name: 'Connection',
  tableName: 'connections',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text', unique: true },
    connectorId: { type: 'text' },
    config: { type: 'json' },
    secretsEnc: { type: 'text', hidden: true },
    keyId: { type: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
