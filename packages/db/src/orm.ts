import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from './migrations/index.ts';
import { StartupError } from './startup-error.ts';

// No entities: the per-table stores in src/stores own the SQL (docs/ARCHITECTURE.md, Data layer). The ORM gives
// the pooled connection, the EntityManager the stores take, and the migrator.
export const entities: never[] = [];

export interface DbOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
  /** No migrator/ORM chatter (tests). */
  quiet?: boolean;
}

/** Connects, and fails with one clear line when Postgres is missing or unreachable. */
export async function initOrm(opts: DbOptions): Promise<MikroORM> {
  let orm: MikroORM;
  try {
    orm = await MikroORM.init({
      clientUrl: opts.url,
      entities,
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: { migrationsList, transactional: true, allOrNothing: true, tableName: 'mikro_orm_migrations' },
      pool: { min: 0, max: opts.poolMax ?? 10 },
      debug: opts.debug ?? false,
      logger: opts.quiet ? () => {} : (m: string) => process.stdout.write(`${m}\n`),
      allowGlobalContext: false,
      forceUtcTimezone: true,
    });
  } catch (err) {
    throw new StartupError(
      'postgres',
      `cannot connect to PostgreSQL at ${redact(opts.url)}: ${(err as Error).message}`,
      'unset DATABASE_URL to use the embedded server, or check that the server is running and the URL is right',
    );
  }
  if (!(await orm.isConnected())) {
    await orm.close(true);
    throw new StartupError(
      'postgres',
      `cannot connect to PostgreSQL at ${redact(opts.url)}`,
      'unset DATABASE_URL to use the embedded server, or check that the server is running and the URL is right',
    );
  }
  return orm;
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
