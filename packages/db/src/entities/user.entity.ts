import { EntitySchema } from '@mikro-orm/core';

export const ROLES = ['admin', 'process_owner', 'approver', 'integrator', 'viewer', 'manager', 'collector'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string | null;
  passwordHash: string;
  roles: Role[];
  groups: string[];
  locale: string;
  disabled: boolean;
  createdAt: Date;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    username: { type: 'text', unique: true },
    displayName: { type: 'text' },
    email: { type: 'text', nullable: true },
    passwordHash: { type: 'text', hidden: true },
    roles: { type: 'text[]' },
    groups: { type: 'text[]' },
    locale: { type: 'text', default: 'en' },
    disabled: { type: 'boolean', default: false },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export const SessionSchema = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: { type: 'text', primary: true },
    userId: { type: 'uuid' },
    csrfToken: { type: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
