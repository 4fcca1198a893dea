import { Migration0001Initial } from './0001-initial.migration.ts';

/** Ordered, committed migrations. Names are recorded in mikro_orm_migrations; never rename one. */
export const migrationsList = [{ name: '0001-initial', class: Migration0001Initial }];
