import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LedgerflowError } from '@ledgerflow/flow-model';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  DUPLICATES_SQL,
  INSERT_CUSTOMERS_SQL,
  INSERT_FIRST_SQL,
  INSERT_NEW_SQL,
  SETTLE_MISSING_SQL,
  UPDATE_CHANGED_SQL,
  UPDATE_CUSTOMERS_SQL,
} from './ledger-ingest-sql.ts';
import { encodeStageRow, STAGE_COPY, STAGE_DDL } from './ledger-stage.ts';
import type { LedgerRowError, LedgerRowInput } from './ledger-stage.ts';

export type LedgerIngestInput = {
  /** Where the items come from ('sap', 'netsuite', 'excel:<feed>'...): a full snapshot settles only its own items. */
  source: string;
  company: string;
  mode: 'full' | 'incremental';
  /** When the source's figures were true; history rows are dated by it. */
  asOf: Date;
  flowId?: string | null;
  rows: AsyncIterable<LedgerRowInput> | Iterable<LedgerRowInput>;
};
export type LedgerIngestResult = {
  importId: string;
  status: 'done' | 'failed';
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  settled: number;
  /** The first MAX_KEPT_ERRORS bad rows; `errorCount` counts them all. */
  errors: LedgerRowError[];
  errorCount: number;
};

const MAX_KEPT_ERRORS = 1000;
/** Rows written by one import beyond which the table is analyzed within the import. */
const ANALYZE_AFTER = 10_000;
// COPY data is handed to the socket in chunks of about this size; backpressure keeps memory bounded. Each chunk
// becomes a Buffer outside the V8 heap, freed only when a GC collects it: at 256K chunks the bench's peak RSS swung
// from 271 to 454 MB between runs of the same 1M rows, at 32K it stayed at 258-261 MB (4 runs), at the same speed
// within the shared machine's noise.
const CHUNK_CHARS = 32 * 1024;

type Counts = { rowsRead: number; good: number; errors: LedgerRowError[]; errorCount: number };

async function copyRows(client: PoolClient, rows: LedgerIngestInput['rows'], counts: Counts): Promise<void> {
  const stream = client.query(copyFrom(STAGE_COPY));
  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    for await (const row of rows as AsyncIterable<LedgerRowInput>) {
      counts.rowsRead++;
      const line = encodeStageRow(row, counts.rowsRead);
      if (typeof line === 'string') {
        counts.good++;
        chunk += line;
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      } else {
        counts.errorCount++;
        if (counts.errors.length < MAX_KEPT_ERRORS) counts.errors.push(line);
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines(), { objectMode: false }), stream);
}

async function run(client: PoolClient, sql: string, args: unknown[]): Promise<number> {
  return (await client.query(sql, args)).rowCount ?? 0;
}

/**
 * One import in one transaction: the rows are COPYed into a temp staging table, then applied set-based (new, changed,
 * settled items with their history rows; customers). Bad rows are reported by number and field and left out; an input
 * whose rows are all bad fails the import without touching the ledger.
 */
export async function ingestLedger(em: EntityManager, input: LedgerIngestInput): Promise<LedgerIngestResult> {
  if (Number.isNaN(input.asOf.getTime()))
    throw new LedgerflowError('LEDGER_AS_OF_INVALID', 'the import has no valid as-of date', { status: 400 });
  const knex = em.getConnection().getKnex();
  const client = (await knex.client.acquireConnection()) as PoolClient;
  const counts: Counts = { rowsRead: 0, good: 0, errors: [], errorCount: 0 };
  const asOf = input.asOf.toISOString();
  let importId = '';
  try {
    const created = await client.query<{ id: string }>(
      `insert into ledger_imports (source, company, mode, as_of, flow_id) values ($1, $2, $3, $4, $5) returning id::text`,
      [input.source, input.company, input.mode, asOf, input.flowId ?? null],
    );
    importId = created.rows[0]!.id;
    await client.query('begin');
    // Imports of one source and company apply one after the other: each reads the ledger the previous one left.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`ledger:${input.source}:${input.company}`]);
    // The import's joins and aggregates run over the whole snapshot: hashed in memory, not in batches on disk.
    await client.query("set local work_mem = '128MB'");
    const later = await client.query(
      `select 1 from ledger_imports where source = $1 and company = $2 and status = 'done' and as_of > $3 limit 1`,
      [input.source, input.company, asOf],
    );
    if (later.rowCount)
      throw new LedgerflowError(
        'LEDGER_AS_OF_BEFORE_LAST',
        `an import of ${input.source} for company '${input.company}' as of a later date exists; history only moves forward`,
        { status: 409, details: { asOf } },
      );
    await client.query(STAGE_DDL);
    await copyRows(client, input.rows, counts);
    if (counts.good === 0 && counts.rowsRead > 0) {
      await client.query('rollback');
      return await finish(
        client,
        importId,
        'failed',
        counts,
        { inserted: 0, updated: 0, settled: 0 },
        'every row is bad',
      );
    }
    for (const d of (await client.query<{ rn: number; document: string }>(DUPLICATES_SQL)).rows) {
      counts.good--;
      counts.errorCount++;
      if (counts.errors.length < MAX_KEPT_ERRORS)
        counts.errors.push({
          row: d.rn,
          field: 'document',
          message: `'${d.document}' appears again in a later row, which is kept`,
        });
    }
    // Temp tables are never analyzed by autovacuum: without statistics every join would be planned for an empty table.
    await client.query('analyze ledger_stage');
    const args = [input.source, input.company, importId, asOf];
    const updated = await run(client, UPDATE_CHANGED_SQL, args);
    const known = await client.query('select 1 from ledger_items where source = $1 and company = $2 limit 1', [
      input.source,
      input.company,
    ]);
    const inserted = await run(client, known.rowCount ? INSERT_NEW_SQL : INSERT_FIRST_SQL, args);
    // Statistics of a table that just grew a lot are stale until autovacuum gets to it: the next statements (and
    // the next import's, and the dunning's) must not be planned for an empty table, or a nested loop would scan
    // the whole table once per row.
    if (inserted > ANALYZE_AFTER) await client.query('analyze ledger_items');
    const settled = input.mode === 'full' ? await run(client, SETTLE_MISSING_SQL, args) : 0;
    const newCustomers = await run(client, INSERT_CUSTOMERS_SQL, [input.company]);
    if (newCustomers > ANALYZE_AFTER) await client.query('analyze ledger_customers');
    await run(client, UPDATE_CUSTOMERS_SQL, [input.company]);
    const result = await finish(client, importId, 'done', counts, { inserted, updated, settled }, null);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    if (importId)
      await finish(
        client,
        importId,
        'failed',
        counts,
        { inserted: 0, updated: 0, settled: 0 },
        String((err as Error).message),
      ).catch(() => undefined);
    throw err;
  } finally {
    await knex.client.releaseConnection(client);
  }
}

async function finish(
  client: PoolClient,
  importId: string,
  status: 'done' | 'failed',
  c: Counts,
  n: { inserted: number; updated: number; settled: number },
  failure: string | null,
): Promise<LedgerIngestResult> {
  const unchanged = status === 'done' ? c.good - n.inserted - n.updated : 0;
  await client.query(
    `update ledger_imports set status = $2, rows_read = $3, inserted = $4, updated = $5, unchanged = $6, settled = $7,
       error_count = $8, errors = $9::jsonb, failure = $10, finished_at = now() where id = $1::bigint`,
    [
      importId,
      status,
      c.rowsRead,
      n.inserted,
      n.updated,
      unchanged,
      n.settled,
      c.errorCount,
      JSON.stringify(c.errors),
      failure?.slice(0, 2000) ?? null,
    ],
  );
  return { importId, status, rowsRead: c.rowsRead, ...n, unchanged, errors: c.errors, errorCount: c.errorCount };
}
