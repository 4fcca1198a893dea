import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';

type PgClient = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/** `?`-SQL → its native `$n` text and statement name, computed once per distinct text. */
const statements = new Map<string, { name: string; text: string }>();
const MAX_STATEMENTS = 500;

/**
 * Runs SQL (with `?` placeholders) as a named prepared statement: Postgres parses and plans each distinct
 * text once per connection instead of on every call. For hot, fixed-shape queries whose best plan does
 * not depend on the values (session lookup, the unfiltered inbox page). Arguments must be scalars (pass
 * lists as Postgres array literals), so the statement text never depends on them.
 */
export async function preparedQuery<T>(orm: MikroORM, sql: string, args: unknown[]): Promise<T[]> {
  const knex = orm.em.getConnection().getKnex();
  let stmt = statements.get(sql);
  if (!stmt) {
    if (args.some((a) => Array.isArray(a)))
      throw new TypeError('preparedQuery: pass lists as Postgres array literals, not JS arrays');
    const text = knex
      .raw(sql, args as never[])
      .toSQL()
      .toNative().sql;
    stmt = { name: `p${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(sql, stmt);
  }
  const client = (await knex.client.acquireConnection()) as PgClient;
  try {
    return (await client.query({ name: stmt.name, text: stmt.text, values: args })).rows as T[];
  } finally {
    await knex.client.releaseConnection(client);
  }
}
