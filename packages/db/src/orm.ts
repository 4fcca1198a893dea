import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { UserSchema, SessionSchema } from './entities/user.entity.ts';
import { TaskSchema } from './entities/task.entity.ts';
import { OutboxMessageSchema } from './entities/outbox.entity.ts';
import { migrationsList } from './migrations/index.ts';
import { StartupError } from './startup-error.ts';

// Stores in src/stores run the SQL; an entity stays only until its store's owner removes it (docs/ARCHITECTURE.md, Data layer).
export const entities = [UserSchema, SessionSchema, TaskSchema, OutboxMessageSchema];

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
    throw new StartupError('postgres', `cannot connect to PostgreSQL at ${redact(opts.url)}: ${(err as Error).message}`, 'unset DATABASE_URL to use the embedded server, or check that the server is running and the URL is right');
  }
  if (!(await orm.isConnected())) {
    await orm.close(true);
    throw new StartupError('postgres', `cannot connect to PostgreSQL at ${redact(opts.url)}`, 'unset DATABASE_URL to use the embedded server, or check that the server is running and the URL is right');
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
