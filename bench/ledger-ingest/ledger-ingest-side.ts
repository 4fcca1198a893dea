// One side of bench/ledger-ingest, run in its own process: `node ledger-ingest-side.ts <copy|ingest> <csv> <url>`.
// It imports only what its side needs (no embedded-Postgres devstack, no Excel connector index, ~80 MB of RSS that the
// ingest would never carry in a worker), so its peak RSS is the side's own. Prints one JSON line.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { compileLedgerMapping, LEDGER_MAPPING_PRESETS, type LedgerRowInput } from '@ledgerflow/flow-model';
import { createLedgerItemsStore, initOrm } from '@ledgerflow/db';
import { openRows } from '../../connectors/excel/src/row-source.ts';

/** The CSV feed path: the Excel connector's CSV row reader, header names as record fields, the ledger mapping. */
async function* records(file: string): AsyncGenerator<LedgerRowInput> {
  const map = compileLedgerMapping({ ...LEDGER_MAPPING_PRESETS['excel:fileRecords']!, keepRaw: false });
  const src = openRows(
    { name: path.basename(file), format: 'csv', path: file, open: () => createReadStream(file) },
    { delimiter: ',', action: 'bench' },
  );
  let header: string[] | undefined;
  for await (const r of src.rows) {
    if (!header) {
      header = r.cells.map((c) => String(c));
      continue;
    }
    const record: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c++) record[header[c]!] = r.cells[c];
    yield map(record);
  }
}

async function side(mode: string, file: string, url: string): Promise<void> {
  const orm = await initOrm({ url, poolMax: 2, quiet: true });
  // What the process holds before the side starts (Node, the modules, the pool): the side's own memory is above it.
  const loadedRssMb = process.memoryUsage().rss / 1048576;
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'ingest') {
    const res = await createLedgerItemsStore(orm.em.fork()).ingest({
      source: 'bench',
      company: '',
      mode: 'full',
      asOf: new Date('2026-12-01T06:00:00Z'),
      rows: records(file),
    });
    if (res.status !== 'done' || res.errorCount) throw new Error(`ingest: ${JSON.stringify(res).slice(0, 500)}`);
    rows = res.inserted;
  } else {
    const knex = orm.em.getConnection().getKnex();
    // The pool's pg client: pg-copy-streams needs the driver's connection itself.
    const client = (await knex.client.acquireConnection()) as { query<T>(stream: T): T };
    const copy = client.query(
      copyFrom(`copy ledger_items (customer_id, document, item_type, document_date, due_date, currency, amount,
        open_amount, disputed) from stdin with (format csv, header true)`),
    );
    await pipeline(createReadStream(file), copy);
    rows = Number(copy.rowCount);
    await knex.client.releaseConnection(client);
  }
  const seconds = (performance.now() - t0) / 1000;
  await orm.close(true);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ mode, rows, seconds, peakRssMb, loadedRssMb })}\n`);
}

await side(process.argv[2]!, process.argv[3]!, process.argv[4]!);
