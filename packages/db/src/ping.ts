import type { EntityManager } from '@mikro-orm/postgresql';

/** One round trip to Postgres: the health check. */
export async function pingDatabase(em: EntityManager): Promise<void> {
  await em.getConnection().execute('select 1');
}
