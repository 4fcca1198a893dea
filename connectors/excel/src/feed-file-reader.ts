import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FeedFile } from '@ledgerflow/connector-sdk';
import { checkZip, formatOf, type ResolvedFile } from './file-input.ts';
import { importSheet, type ImportOptions, type ImportRun } from './importer.ts';

/**
 * The records of a received file (a FeedFile: stored by the platform, opened as a stream) through the importer:
 * mapping, locales, subtotal and repeated-header skipping, one event per row with its problems. A CSV streams
 * straight from storage; an .xlsx needs random access to its zip directory, so it is first copied to a private
 * temporary file (streamed, never held in memory) that is deleted when the iteration ends or stops.
 * Shared by the file feed and anything else that ingests a stored file (the ledger).
 */
export function readFeedFile(file: FeedFile, o: ImportOptions): ImportRun {
  const action = o.action ?? 'readFeedFile';
  const format = formatOf(file.name, action);
  const direct: ResolvedFile = { name: file.name, format, open: () => file.open() };
  let current = importSheet(direct, o);
  async function* run() {
    if (format === 'csv') {
      yield* current;
      return;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'ledgerflow-feed-'));
    try {
      const copy = path.join(dir, 'file.xlsx');
      await pipeline(file.open(), createWriteStream(copy, { mode: 0o600 }));
      const fh = await open(copy, 'r');
      const head = Buffer.alloc(4);
      await fh.read(head, 0, 4, 0).finally(() => fh.close());
      await checkZip(head, file.name, action);
      current = importSheet({ name: file.name, format, path: copy, open: () => createReadStream(copy) }, o);
      yield* current;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    get summary() {
      return current.summary;
    },
    [Symbol.asyncIterator]: () => run(),
  };
}
