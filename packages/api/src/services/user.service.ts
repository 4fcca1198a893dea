import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { createUserStore, type MikroORM } from '@ledgerflow/db';
import type { Role } from '@ledgerflow/flow-model';

export async function createUser(
  orm: MikroORM,
  u: {
    username: string;
    password: string;
    displayName?: string;
    roles: Role[];
    groups?: string[];
    locale?: string;
    email?: string;
    /** Only for a password someone else picked (the first admin's printed one): tests' users log in as they are. */
    mustChangePassword?: boolean;
  },
): Promise<string> {
  const id = randomUUID();
  const passwordHash = await hash(u.password); // argon2id, the library's default algorithm
  await createUserStore(orm.em.fork()).insert({
    id,
    username: u.username,
    displayName: u.displayName ?? u.username,
    email: u.email ?? null,
    passwordHash,
    roles: u.roles,
    groups: u.groups ?? [],
    locale: u.locale ?? 'en',
    mustChangePassword: u.mustChangePassword ?? false,
  });
  return id;
}

/** Creates the first admin when there is no user at all; returns its one-time password, to be changed at first login. */
export async function ensureAdmin(orm: MikroORM): Promise<{ username: string; password: string } | null> {
  if ((await createUserStore(orm.em.fork()).count()) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  await createUser(orm, {
    username: 'admin',
    password,
    displayName: 'Administrator',
    roles: ['admin'],
    mustChangePassword: true,
  });
  return { username: 'admin', password };
}
