import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { pgTextArray, type MikroORM, type Role } from '@ledgerflow/db';

export async function createUser(orm: MikroORM, u: { username: string; password: string; displayName?: string; roles: Role[]; groups?: string[]; locale?: string; email?: string }): Promise<string> {
  const id = randomUUID();
  const passwordHash = await hash(u.password); // argon2id, the library's default algorithm
  await orm.em.fork().getConnection().execute(
    'insert into users (id, username, display_name, email, password_hash, roles, groups, locale) values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?)',
    [id, u.username, u.displayName ?? u.username, u.email ?? null, passwordHash, pgTextArray(u.roles), pgTextArray(u.groups ?? []), u.locale ?? 'en'],
  );
  return id;
}

/** Creates the first admin when there is no user at all; returns its one-time password. */
export async function ensureAdmin(orm: MikroORM): Promise<{ username: string; password: string } | null> {
  const [row] = await orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from users');
  if (Number(row?.n ?? 0) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  await createUser(orm, { username: 'admin', password, displayName: 'Administrator', roles: ['admin'] });
  return { username: 'admin', password };
}
