import { describe, expect, it } from 'vitest';
import { feedStatus } from './trigger.service.ts';

const stats = {
  polled: 400,
  started: 3,
  updated: 2,
  unchanged: 395,
  ignored: 0,
  reopened: 0,
  failed: [{ key: 'CN-9', error: 'business key: empty' }],
  cursor: '400',
};

describe('feed extraction status', () => {
  it('is "never" before the first extraction', () => {
    expect(feedStatus(undefined)).toMatchObject({ state: 'never', stats: null });
  });
  it('is running with the counts so far while the extraction has started and not finished', () => {
    const s = feedStatus({
      sync_started_at: '2026-11-22 07:00:00.5+00',
      sync_finished_at: null,
      last_polled_at: '2026-11-22 07:00:09+00',
      sync_error: null,
      last_stats: stats,
    });
    expect(s).toMatchObject({
      state: 'running',
      startedAt: '2026-11-22T07:00:00.500Z',
      finishedAt: null,
      lastPageAt: '2026-11-22T07:00:09.000Z',
    });
    expect(s.stats).toEqual({
      polled: 400,
      started: 3,
      updated: 2,
      unchanged: 395,
      ignored: 0,
      reopened: 0,
      failed: [{ key: 'CN-9', error: 'business key: empty' }],
    });
  });
  it('reports the failure of the last attempt, and done once finished', () => {
    expect(
      feedStatus({
        sync_started_at: '2026-11-22 07:00:00+00',
        sync_finished_at: null,
        last_polled_at: null,
        sync_error: 'sap.openCreditMemoRequests: 401',
        last_stats: {},
      }),
    ).toMatchObject({ state: 'failed', error: 'sap.openCreditMemoRequests: 401', stats: { polled: 0, failed: [] } });
    expect(
      feedStatus({
        sync_started_at: '2026-11-22 07:00:00+00',
        sync_finished_at: '2026-11-22 07:01:00+00',
        last_polled_at: '2026-11-22 07:01:00+00',
        sync_error: null,
        last_stats: stats,
      }),
    ).toMatchObject({ state: 'done', finishedAt: '2026-11-22T07:01:00.000Z' });
  });
});
