import type { EntityManager } from '@mikro-orm/postgresql';
import { ACTIVE_TASK_STATUSES, type DunningBatchStatus, type DunningLineStatus } from '@ledgerflow/flow-model';
import { pgTextArray } from '../pg-array.ts';

/** An overdue invoice of a line, with its L441-10 penalties (exact decimal strings). */
export interface DunningLineItem {
  document: string;
  itemType: string;
  documentDate: string | null;
  dueDate: string | null;
  days: number;
  openAmount: string;
  penaltyFlat: string;
  penaltyInterest: string;
}

export interface NewDunningLine {
  customerId: string;
  customerName: string | null;
  language: string | null;
  email: string | null;
  currency: string;
  level: number;
  days: number;
  balance: string;
  totalOpen: string;
  penaltyFlat: string;
  penaltyInterest: string;
  items: DunningLineItem[];
}

export interface NewDunningBatch {
  company: string;
  flowId: string | null;
  runId: string;
  nodeId: string;
  asOf: string;
  timezone: string;
  config: Record<string, unknown>;
  skipped: Array<{ customerId: string; reason: string }>;
  lines: NewDunningLine[];
}

export type DunningBatchRow = {
  id: string;
  company: string;
  flow_id: string | null;
  run_id: string;
  node_id: string;
  as_of: string;
  timezone: string;
  status: DunningBatchStatus;
  config: Record<string, unknown>;
  skipped: Array<{ customerId: string; reason: string }>;
  created_at: Date | string;
  sent_at: Date | string | null;
  line_count: number;
  selected_count: number;
  sent_count: number;
};

export type DunningReviewTask = {
  id: string;
  node_id: string;
  status: string;
  outcome: string | null;
  outcomes: unknown;
};

export type DunningLineRow = {
  id: string;
  batch_id: string;
  company: string;
  customer_id: string;
  customer_name: string | null;
  language: string | null;
  email: string | null;
  currency: string;
  level: number;
  level_override: number | null;
  days: number;
  balance: string;
  total_open: string;
  penalty_flat: string;
  penalty_interest: string;
  items: DunningLineItem[];
  selected: boolean;
  status: DunningLineStatus;
  letter_key: string | null;
  error: string | null;
  sent_at: Date | string | null;
};

const BATCH_COLUMNS = `b.id, b.company, b.flow_id, b.run_id, b.node_id, to_char(b.as_of, 'YYYY-MM-DD') as as_of, b.timezone,
  b.status, b.config, b.skipped, b.created_at, b.sent_at,
  (select count(*)::int from dunning_batch_lines l where l.batch_id = b.id) as line_count,
  (select count(*)::int from dunning_batch_lines l where l.batch_id = b.id and l.selected) as selected_count,
  (select count(*)::int from dunning_batch_lines l where l.batch_id = b.id and l.status in ('sent', 'already_sent'))
    as sent_count`;
const LINE_COLUMNS = `id::text, batch_id, company, customer_id, customer_name, language, email, currency, level,
  level_override, days, balance::text, total_open::text, penalty_flat::text, penalty_interest::text, items, selected,
  status, letter_key, error, sent_at`;

export function createDunningBatchStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** Writes the batch and its lines once per (run, node): a retried activity gets the first batch's id back. */
    async create(b: NewDunningBatch): Promise<{ id: string; created: boolean }> {
      return em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        const ctx = tx.getTransactionContext();
        const [row] = await c.execute<Array<{ id: string }>>(
          `insert into dunning_batches (company, flow_id, run_id, node_id, as_of, timezone, config, skipped)
           values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) on conflict (run_id, node_id) do nothing returning id`,
          [
            b.company,
            b.flowId,
            b.runId,
            b.nodeId,
            b.asOf,
            b.timezone,
            JSON.stringify(b.config),
            JSON.stringify(b.skipped),
          ],
          'all',
          ctx,
        );
        if (!row) {
          const [old] = await c.execute<Array<{ id: string }>>(
            'select id from dunning_batches where run_id = ? and node_id = ?',
            [b.runId, b.nodeId],
            'all',
            ctx,
          );
          return { id: old!.id, created: false };
        }
        // One statement for every line: a ledger of thousands of dunned customers is one round trip.
        await c.execute(
          `insert into dunning_batch_lines (batch_id, company, customer_id, customer_name, language, email, currency,
             level, days, balance, total_open, penalty_flat, penalty_interest, items)
           select ?, ?, x."customerId", x."customerName", x.language, x.email, x.currency, x.level, x.days,
             x.balance::numeric, x."totalOpen"::numeric, x."penaltyFlat"::numeric, x."penaltyInterest"::numeric, x.items
           from jsonb_to_recordset(?::jsonb) as x("customerId" text, "customerName" text, language text, email text,
             currency text, level smallint, days int, balance text, "totalOpen" text, "penaltyFlat" text,
             "penaltyInterest" text, items jsonb)`,
          [row.id, b.company, JSON.stringify(b.lines)],
          'run',
          ctx,
        );
        return { id: row.id, created: true };
      });
    },

    async list(opts: { status?: DunningBatchStatus; limit: number; offset: number }): Promise<{
      items: DunningBatchRow[];
      total: number;
    }> {
      const where = opts.status ? 'where b.status = ?' : '';
      const params = opts.status ? [opts.status] : [];
      const items = await conn().execute<DunningBatchRow[]>(
        `select ${BATCH_COLUMNS} from dunning_batches b ${where} order by b.created_at desc, b.id limit ? offset ?`,
        [...params, opts.limit, opts.offset],
      );
      const [count] = await conn().execute<Array<{ n: number }>>(
        `select count(*)::int as n from dunning_batches b ${where}`,
        params,
      );
      return { items, total: count?.n ?? 0 };
    },

    async byRun(runId: string, nodeId: string): Promise<DunningBatchRow | undefined> {
      const [row] = await conn().execute<DunningBatchRow[]>(
        `select ${BATCH_COLUMNS} from dunning_batches b where b.run_id = ? and b.node_id = ?`,
        [runId, nodeId],
      );
      return row;
    },

    async get(id: string): Promise<DunningBatchRow | undefined> {
      const [row] = await conn().execute<DunningBatchRow[]>(
        `select ${BATCH_COLUMNS} from dunning_batches b where b.id = ?`,
        [id],
      );
      return row;
    },

    async lines(batchId: string): Promise<DunningLineRow[]> {
      return conn().execute<DunningLineRow[]>(
        `select ${LINE_COLUMNS} from dunning_batch_lines where batch_id = ? order by customer_id, currency`,
        [batchId],
      );
    },

    async line(batchId: string, lineId: string): Promise<DunningLineRow | undefined> {
      const [row] = await conn().execute<DunningLineRow[]>(
        `select ${LINE_COLUMNS} from dunning_batch_lines where batch_id = ? and id = ?`,
        [batchId, lineId],
      );
      return row;
    },

    /** A collector's change; only while the batch is in review (the row comes back unchanged otherwise). */
    async updateLine(
      batchId: string,
      lineId: string,
      change: { selected?: boolean; levelOverride?: number | null },
    ): Promise<DunningLineRow | undefined> {
      const [row] = await conn().execute<DunningLineRow[]>(
        `update dunning_batch_lines l set
           selected = coalesce(?::boolean, l.selected),
           level_override = case when ?::boolean then ?::smallint else l.level_override end
         from dunning_batches b
         where l.batch_id = b.id and b.id = ? and l.id = ? and b.status = 'review'
         returning ${LINE_COLUMNS.split(',')
           .map((s) => `l.${s.trim()}`)
           .join(', ')}`,
        [change.selected ?? null, change.levelOverride !== undefined, change.levelOverride ?? null, batchId, lineId],
      );
      return row;
    },

    /** The review task of the batch's run (open or decided last): the batch screen sends through its decision. */
    async reviewTask(runId: string): Promise<DunningReviewTask | undefined> {
      const [row] = await conn().execute<DunningReviewTask[]>(
        `select id, node_id, status, outcome, outcomes from tasks where run_id = ?
         order by (status = any(?::text[])) desc, created_at desc limit 1`,
        [runId, pgTextArray(ACTIVE_TASK_STATUSES)],
      );
      return row;
    },

    /** The definition the batch's run runs: its dunning.send node signs the letters. */
    async runDefinition(runId: string): Promise<Record<string, unknown> | undefined> {
      const [row] = await conn().execute<Array<{ definition: Record<string, unknown> }>>(
        `select v.definition from runs r join flow_versions v on v.flow_id = r.flow_id and v.version = r.version
         where r.id = ?`,
        [runId],
      );
      return row?.definition;
    },

    /** review → sending (or cancelled); false when the batch was not in review any more. */
    async transition(id: string, from: DunningBatchStatus[], to: DunningBatchStatus): Promise<boolean> {
      const rows = await conn().execute<Array<{ id: string }>>(
        `update dunning_batches set status = ?, sent_at = case when ? = 'sent' then now() else sent_at end
         where id = ? and status = any(?::text[]) returning id`,
        [to, to, id, `{${from.join(',')}}`],
      );
      return rows.length > 0;
    },

    /**
     * The currencies the customer already had a letter for at this (effective) level in this dunning cycle, with that
     * letter's key: lines settled sent or already sent whose key ends with the cycle (letterKey puts it last).
     */
    async sentLetters(company: string, customerId: string, level: number, cycle: string): Promise<Map<string, string>> {
      const rows = await conn().execute<Array<{ currency: string; letter_key: string }>>(
        `select distinct on (currency) currency, letter_key from dunning_batch_lines
         where company = ? and customer_id = ? and coalesce(level_override, level) = ?
           and status in ('sent', 'already_sent') and right(letter_key, ?) = ?
         order by currency, sent_at`,
        [company, customerId, level, cycle.length + 1, `:${cycle}`],
      );
      return new Map(rows.map((r) => [r.currency, r.letter_key]));
    },

    /** The outcome of one line's letter; the key names the outbox row holding the message. */
    async settleLine(
      lineId: string,
      status: DunningLineStatus,
      letterKey: string | null,
      error?: string,
    ): Promise<void> {
      await conn().execute(
        `update dunning_batch_lines set status = ?, letter_key = ?, error = ?,
           sent_at = case when ? in ('sent', 'already_sent') then now() else sent_at end
         where id = ?`,
        [status, letterKey, error ?? null, status, lineId],
      );
    },
  };
}
export type DunningBatchStore = ReturnType<typeof createDunningBatchStore>;
