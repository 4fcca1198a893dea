import type { ImportEvent, ImportRun } from './importer.ts';

/**
 * Reads of received files left open between the pages of one extraction. A page stops where its cursor says;
 * re-reading the file from its first row for every page would parse a 1,000,000-row file a thousand times over,
 * so the next page of the same extraction (same file, options and cursor) takes the read up where it stopped.
 * A retry in another process finds nothing here and skips to its cursor instead, which is correct, only slower.
 */
export interface OpenRead {
  run: ImportRun;
  events: AsyncIterator<ImportEvent>;
  /** The event read past the end of the previous page, handed out first. */
  pending: ImportEvent | undefined;
}

/** An extraction that stops polling (cancelled, failed) closes its read after this long. */
const IDLE_MS = 5 * 60_000;
const reads = new Map<string, { read: OpenRead; timer: NodeJS.Timeout }>();

const keyOf = (fileId: string, options: string, afterRow: number) => `${fileId}\u0000${options}\u0000${afterRow}`;

/** The read left at `afterRow` of this file with these options, taken out of the table; undefined if none. */
export function takeRead(fileId: string, options: string, afterRow: number): OpenRead | undefined {
  const k = keyOf(fileId, options, afterRow);
  const kept = reads.get(k);
  if (!kept) return undefined;
  clearTimeout(kept.timer);
  reads.delete(k);
  return kept.read;
}

/** Keeps a read for the page after `lastRow`, closing it if nobody asks for that page in time. */
export function keepRead(fileId: string, options: string, lastRow: number, read: OpenRead): void {
  const k = keyOf(fileId, options, lastRow);
  const timer = setTimeout(() => {
    reads.delete(k);
    void read.events.return?.();
  }, IDLE_MS);
  timer.unref();
  reads.set(k, { read, timer });
}

/** How many reads are kept open (tests and diagnostics). */
export function openReadCount(): number {
  return reads.size;
}
