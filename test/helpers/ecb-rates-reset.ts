// Puts the ECB rates table back to the migration's published rates: rows an admin (or a fuzzer) added are removed
// and removed seed rows come back, so penalties computed by later test files do not depend on the order files ran in.
import type { MikroORM } from '@ledgerflow/db';
import { ECB_SEED } from '../../packages/db/src/migrations/0020-dunning-classify.migration.ts';

export async function resetEcbRates(orm: MikroORM): Promise<void> {
  const conn = orm.em.fork().getConnection();
  await conn.execute('delete from ecb_rates where created_by is not null');
  await conn.execute(
    `insert into ecb_rates (effective_date, rate)
     select d::date, r::numeric from unnest(?::text[], ?::text[]) as s(d, r) on conflict (effective_date) do nothing`,
    [`{${ECB_SEED.map(([d]) => d).join(',')}}`, `{${ECB_SEED.map(([, r]) => r).join(',')}}`],
  );
}
