import type { EntityManager } from '@mikro-orm/postgresql';
import type { LedgerRowError } from './ledger-stage.ts';

/** One ledger import (a feed extraction or a file) with its counts; `as_of` dates the history rows it wrote. */
export type LedgerImportRow = {
  id: string;
  source: string;
  company: string;
  mode: 'full' | 'incremental';
  as_of: string;
  flow_id: string | null;
  status: 'running' | 'done' | 'failed';
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  settled: number;
  error_count: number;
  failure: string | null;
  errors: LedgerRowError[];
  started_at: string;
  finished_at: string | null;
};
export type LedgerImportFilter = { source?: string; company?: string; status?: string; flowId?: string };

const COLUMNS = `id::text as id, source, company, mode, as_of::text as as_of, flow_id, status, rows_read::int as rows_read,
  inserted::int as inserted, updated::int as updated, unchanged::int as unchanged, settled::int as settled,
  error_count::int as error_count, failure, errors, started_at::text as started_at, finished_at::text as finished_at`;

function where(f: LedgerImportFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.source) (parts.push('source = ?'), args.push(f.source));
  if (f.company !== undefined) (parts.push('company = ?'), args.push(f.company));
  if (f.status) (parts.push('status = ?'), args.push(f.status));
  if (f.flowId) (parts.push('flow_id = ?'), args.push(f.flowId));
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', args };
}

export function createLedgerImportsStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** Newest first; `errors` is left out of the list (it can hold up to a thousand entries), see `get`. */
    async list(
      f: LedgerImportFilter,
      page: { limit: number; offset: number },
    ): Promise<{ rows: LedgerImportRow[]; total: number }> {
      const w = where(f);
      const rows = await conn().execute<LedgerImportRow[]>(
        `select ${COLUMNS.replace(', errors,', ", '[]'::jsonb as errors,")} from ledger_imports ${w.sql}
         order by started_at desc, id desc limit ? offset ?`,
        [...w.args, page.limit, page.offset],
      );
      const [count] = await conn().execute<Array<{ n: number }>>(
        `select count(*)::int as n from ledger_imports ${w.sql}`,
        w.args,
      );
      return { rows, total: count?.n ?? 0 };
    },
    async get(id: string): Promise<LedgerImportRow | undefined> {
      const [row] = await conn().execute<LedgerImportRow[]>(
        `select ${COLUMNS} from ledger_imports where id = ?::bigint`,
        [id],
      );
      return row;
    },
  };
}
export type LedgerImportsStore = ReturnType<typeof createLedgerImportsStore>;
