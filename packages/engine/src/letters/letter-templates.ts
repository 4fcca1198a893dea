import {
  defaultLetterTemplates,
  setDefaultLetterTemplates,
  type ConnectorRegistry,
  type LetterTemplateSource,
} from '@ledgerflow/connector-sdk';
import { createEmailTemplateStore, type MikroORM } from '@ledgerflow/db';

const seeded = new WeakMap<MikroORM, Promise<number>>();

/**
 * The letters connectors ship become version 1 of each letter, once per process and database: what exists is left
 * alone (the store inserts only missing rows), so an edited letter survives a changed file, and running it in the
 * API and every worker at once is harmless. A failure is retried by the next caller.
 */
export function ensureShippedLetters(orm: MikroORM, registry: ConnectorRegistry): Promise<number> {
  let p = seeded.get(orm);
  if (!p) {
    p = (async () => {
      const letters = [];
      for (const c of registry.list()) if (c.letters) letters.push(...(await c.letters()));
      return createEmailTemplateStore(orm.em.fork()).seed(letters);
    })();
    seeded.set(orm, p);
    p.catch(() => seeded.delete(orm));
  }
  return p;
}

/** The published letters, read from the database at each render so a publication takes effect at once. */
export function createLetterTemplateSource(orm: MikroORM, registry: ConnectorRegistry): LetterTemplateSource {
  return {
    async get(name, language, tone) {
      await ensureShippedLetters(orm, registry);
      return createEmailTemplateStore(orm.em.fork()).published({ name, language, tone });
    },
  };
}

/**
 * Makes the published letters the source of every connector call in this process that names none (the dunning
 * sender, previews), for as long as this database is open: the returned function takes it back (only if it is still
 * the one installed), which the owner of the ORM calls before closing it (worker, API, dev stack).
 */
export function installLetterTemplates(orm: MikroORM, registry: ConnectorRegistry): () => void {
  const source = createLetterTemplateSource(orm, registry);
  setDefaultLetterTemplates(source);
  return () => {
    if (defaultLetterTemplates() === source) setDefaultLetterTemplates(undefined);
  };
}
