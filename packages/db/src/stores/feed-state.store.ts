import type { EntityManager } from '@mikro-orm/postgresql';

/** One row per record-feed flow: the cursor of its extraction, and the start, counts and end of the last one. */
export type FeedStateRow = {
  sync_started_at: Date | string | null;
  sync_finished_at: Date | string | null;
  last_polled_at: Date | string | null;
  sync_error: string | null;
  last_stats: Record<string, unknown>;
};

export function createFeedStateStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async get(flowId: string): Promise<FeedStateRow | undefined> {
      const [row] = await conn().execute<FeedStateRow[]>(
        'select sync_started_at, sync_finished_at, last_polled_at, sync_error, last_stats from feed_state where flow_id = ?',
        [flowId],
      );
      return row;
    },
    async cursor(flowId: string): Promise<string | null> {
      const [row] = await conn().execute<Array<{ cursor: string | null }>>(
        'select cursor from feed_state where flow_id = ?',
        [flowId],
      );
      return row?.cursor ?? null;
    },
    /** A new extraction: its start time, zero counts, no end and no error yet. */
    async start(flowId: string, cursor: string | null, stats: unknown): Promise<void> {
      await conn().execute(
        `insert into feed_state (flow_id, cursor, last_stats, sync_started_at) values (?, ?, ?::jsonb, now())
         on conflict (flow_id) do update set last_stats = excluded.last_stats, sync_started_at = now(), sync_finished_at = null, sync_error = null`,
        [flowId, cursor, JSON.stringify(stats)],
      );
    },
    /** After each page: the cursor to resume from and the counts so far. */
    async savePage(flowId: string, cursor: string | null, stats: unknown): Promise<void> {
      await conn().execute(
        `insert into feed_state (flow_id, cursor, last_polled_at, last_stats) values (?, ?, now(), ?::jsonb)
         on conflict (flow_id) do update set cursor = excluded.cursor, last_polled_at = now(), last_stats = excluded.last_stats`,
        [flowId, cursor, JSON.stringify(stats)],
      );
    },
    async fail(flowId: string, error: string): Promise<void> {
      await conn().execute('update feed_state set sync_error = ? where flow_id = ?', [error.slice(0, 2000), flowId]);
    },
    async finish(flowId: string, stats: unknown): Promise<void> {
      await conn().execute(
        'update feed_state set sync_finished_at = now(), sync_error = null, last_stats = ?::jsonb where flow_id = ?',
        [JSON.stringify(stats), flowId],
      );
    },
  };
}
export type FeedStateStore = ReturnType<typeof createFeedStateStore>;
