import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FeedFileArrival, FeedFileStatus } from '@ledgerflow/flow-model';

/** 256 KiB: a file is written and read one chunk at a time, so neither side ever holds it whole. */
export const FEED_FILE_CHUNK_BYTES = 256 * 1024;

export type FeedFileRow = {
  id: string;
  flow_id: string;
  name: string;
  size: string | number;
  content_type: string;
  sha256: string | null;
  sender: string | null;
  arrived_via: FeedFileArrival;
  received_at: Date;
  status: FeedFileStatus;
  refusal: string | null;
  report: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  finished_at: Date | null;
};

export interface NewFeedFile {
  id: string;
  flowId: string;
  name: string;
  contentType: string;
  sender: string | null;
  arrivedVia: FeedFileArrival;
  receivedBy?: string | null;
}

/** The content was larger than the caller allows: the partial chunks are deleted with the row. */
export class FeedFileTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the file is larger than ${limit} bytes`);
    this.limit = limit;
  }
}

const COLUMNS =
  'id, flow_id, name, size, content_type, sha256, sender, arrived_via, received_at, status, refusal, report, error, finished_at';

/** feed_files and feed_file_chunks: what arrived for a file feed, its content, and its extraction's report. */
export function createFeedFileStore(em: EntityManager) {
  const conn = () => em.getConnection();
  const store = {
    async create(f: NewFeedFile): Promise<void> {
      await conn().execute(
        `insert into feed_files (id, flow_id, name, content_type, sender, arrived_via, received_by, status) values (?, ?, ?, ?, ?, ?, ?, 'received')`,
        [f.id, f.flowId, f.name, f.contentType, f.sender, f.arrivedVia, f.receivedBy ?? null],
      );
    },
    /** A mail the feed does not accept: recorded with its reason (no content kept), so the refusal is visible. */
    async refuse(f: NewFeedFile & { refusal: string; size: number }): Promise<void> {
      await conn().execute(
        `insert into feed_files (id, flow_id, name, size, content_type, sender, arrived_via, status, refusal, finished_at) values (?, ?, ?, ?, ?, ?, ?, 'refused', ?, now())`,
        [f.id, f.flowId, f.name, f.size, f.contentType, f.sender, f.arrivedVia, f.refusal],
      );
    },
    /** Streams the content into chunks of FEED_FILE_CHUNK_BYTES; size and SHA-256 are set at the end. */
    async writeContent(
      id: string,
      source: AsyncIterable<Uint8Array>,
      maxBytes = Number.POSITIVE_INFINITY,
    ): Promise<{ size: number; sha256: string }> {
      const hash = createHash('sha256');
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let size = 0;
      let seq = 0;
      const flush = async (data: Buffer) => {
        await conn().execute('insert into feed_file_chunks (file_id, seq, data) values (?, ?, ?)', [id, seq++, data]);
      };
      for await (const piece of source) {
        const b = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        size += b.length;
        if (size > maxBytes) throw new FeedFileTooLargeError(maxBytes);
        hash.update(b);
        pending.push(b);
        pendingBytes += b.length;
        while (pendingBytes >= FEED_FILE_CHUNK_BYTES) {
          const all = Buffer.concat(pending);
          await flush(all.subarray(0, FEED_FILE_CHUNK_BYTES));
          const rest = all.subarray(FEED_FILE_CHUNK_BYTES);
          pending = rest.length ? [rest] : [];
          pendingBytes = rest.length;
        }
      }
      if (pendingBytes) await flush(Buffer.concat(pending));
      const sha256 = hash.digest('hex');
      await conn().execute('update feed_files set size = ?, sha256 = ? where id = ?', [size, sha256, id]);
      return { size, sha256 };
    },
    /** The content as a stream, one chunk query at a time. */
    open(id: string): Readable {
      async function* chunks() {
        for (let seq = 0; ; seq++) {
          const [c] = await conn().execute<Array<{ data: Buffer }>>(
            'select data from feed_file_chunks where file_id = ? and seq = ?',
            [id, seq],
          );
          if (!c) return;
          yield c.data;
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
    async get(id: string): Promise<FeedFileRow | undefined> {
      const [r] = await conn().execute<FeedFileRow[]>(`select ${COLUMNS} from feed_files where id = ?`, [id]);
      return r;
    },
    /** Newest first. */
    async list(flowId: string, limit: number): Promise<FeedFileRow[]> {
      return conn().execute<FeedFileRow[]>(
        `select ${COLUMNS} from feed_files where flow_id = ? order by received_at desc, id limit ?`,
        [flowId, limit],
      );
    },
    async extracting(id: string): Promise<void> {
      await conn().execute(`update feed_files set status = 'extracting', error = null where id = ?`, [id]);
    },
    /** The extraction's report so far (counts and the first rejected rows), kept while it runs. */
    async saveReport(id: string, report: Record<string, unknown>): Promise<void> {
      await conn().execute('update feed_files set report = ?::jsonb where id = ?', [JSON.stringify(report), id]);
    },
    async finish(
      id: string,
      r: { status: 'done' | 'failed'; report?: Record<string, unknown>; error?: Record<string, unknown> },
    ): Promise<void> {
      await conn().execute(
        'update feed_files set status = ?, report = coalesce(?::jsonb, report), error = ?::jsonb, finished_at = now() where id = ?',
        [r.status, r.report ? JSON.stringify(r.report) : null, r.error ? JSON.stringify(r.error) : null, id],
      );
    },
    async remove(id: string): Promise<void> {
      await conn().execute('delete from feed_files where id = ?', [id]);
    },
  };
  return store;
}
export type FeedFileStore = ReturnType<typeof createFeedFileStore>;

/**
 * A stored file as a feed reads it (the connector SDK's FeedFile, structurally): its metadata and a stream opener.
 * Anything that ingests a feed file (a record feed, the ledger) takes this, never the rows of the table.
 */
export function feedFileSource(store: FeedFileStore, row: FeedFileRow) {
  return {
    id: row.id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    open: () => store.open(row.id),
  };
}
