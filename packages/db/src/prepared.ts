import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';

type PgClient = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/**
 * Runs SQL (with `?` placeholders) as a named prepared statement: Postgres parses and plans each distinct
 * text once per connection instead of on every call. For hot, fixed-shape queries whose best plan does
 * not depend on the values (session lookup, the unfiltered inbox page).
 */
export async function preparedQuery<T>(orm: MikroORM, sql: string, args: unknown[]): Promise<T[]> {
  const knex = orm.em.getConnection().getKnex();
  const native = knex.raw(sql, args as never[]).toSQL().toNative();
  const name = `p${createHash('sha1').update(native.sql).digest('hex').slice(0, 20)}`;
  const client = (await knex.client.acquireConnection()) as PgClient;
  try {
    return (await client.query({ name, text: native.sql, values: native.bindings as unknown[] })).rows as T[];
  } finally {
    await knex.client.releaseConnection(client);
  }
}
