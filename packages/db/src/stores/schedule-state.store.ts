import type { EntityManager } from '@mikro-orm/postgresql';

/** One row per scheduled flow once it was deactivated or a firing was seen skipped. */
export type ScheduleStateRow = {
  deactivated_at: Date | string | null;
  deactivated_by: string | null;
  skipped_seen: number;
  skipped_total: number;
  last_skip_seen_at: Date | string | null;
};

export function createScheduleStateStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async get(flowId: string): Promise<ScheduleStateRow | undefined> {
      const [row] = await conn().execute<ScheduleStateRow[]>(
        `select deactivated_at, deactivated_by, skipped_seen, skipped_total, last_skip_seen_at
         from schedule_state where flow_id = ?`,
        [flowId],
      );
      return row;
    },
    async deactivate(flowId: string, userId: string | null): Promise<void> {
      await conn().execute(
        `insert into schedule_state (flow_id, deactivated_at, deactivated_by, skipped_seen) values (?, now(), ?, 0)
         on conflict (flow_id) do update set deactivated_at = now(), deactivated_by = excluded.deactivated_by,
           skipped_seen = 0`,
        [flowId, userId],
      );
    },
    /** A new Temporal schedule: active again, and its skip counter starts from zero. */
    async scheduleCreated(flowId: string): Promise<void> {
      await conn().execute(
        'update schedule_state set deactivated_at = null, deactivated_by = null, skipped_seen = 0 where flow_id = ?',
        [flowId],
      );
    },
    /**
     * Folds the schedule's current skip counter into the total; returns how many firings were skipped since the last
     * look. The row lock makes two concurrent status reads count each skip once.
     */
    async observeSkipped(flowId: string, counter: number): Promise<number> {
      return em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        const ctx = tx.getTransactionContext();
        await c.execute(
          'insert into schedule_state (flow_id) values (?) on conflict (flow_id) do nothing',
          [flowId],
          'run',
          ctx,
        );
        const [row] = await c.execute<Array<{ skipped_seen: number }>>(
          'select skipped_seen from schedule_state where flow_id = ? for update',
          [flowId],
          'all',
          ctx,
        );
        const delta = Math.max(0, counter - (row?.skipped_seen ?? 0));
        if (delta === 0) return 0;
        await c.execute(
          `update schedule_state set skipped_seen = ?, skipped_total = skipped_total + ?, last_skip_seen_at = now()
           where flow_id = ?`,
          [counter, delta, flowId],
          'run',
          ctx,
        );
        return delta;
      });
    },
  };
}
export type ScheduleStateStore = ReturnType<typeof createScheduleStateStore>;
