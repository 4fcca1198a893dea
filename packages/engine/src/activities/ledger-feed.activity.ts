import { Context } from '@temporalio/activity';
import { compileLedgerMapping, type LedgerRowInput } from '@ledgerflow/flow-model';
import { pollFeed } from '@ledgerflow/connector-sdk';
import { createFeedStateStore, createLedgerItemsStore, createPgOutbox } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { SyncLedgerFeedInput, SyncLedgerFeedResult } from './ledger-feed-activity-types.ts';
import { toFailure } from './action.activity.ts';
import { errorOf } from './feed.activity.ts';
import { loadFeedSource } from './feed-source.ts';

const MAX_PAGES = 100_000;

/**
 * One extraction of a ledger feed: every page of the connector feed (or every row of a received file) is mapped by
 * plain field paths and streamed into one ledger import, which COPYs it and applies it set-based. The import is one
 * transaction, so a retried attempt starts the sweep over instead of resuming a cursor: a full snapshot must be
 * whole to settle what it leaves out.
 */
export function syncLedgerFeedActivity(deps: ActivityDeps) {
  return async function syncLedgerFeed(input: SyncLedgerFeedInput): Promise<SyncLedgerFeedResult> {
    const em = deps.orm.em.fork();
    const { cfg, connector, connection, files, file } = await loadFeedSource(deps, em, input, 'trigger.ledgerFeed');

    const ctx = Context.current();
    const feedState = createFeedStateStore(em);
    const map = compileLedgerMapping(cfg.mapping);
    const asOf = new Date();
    let pages = 0;
    let polled = 0;
    // A file feed's own report (rows its importer rejected, skipped headers and subtotals) for the file's page.
    let fileReport: Record<string, unknown> | undefined;
    async function* rows(): AsyncGenerator<LedgerRowInput> {
      let cursor: string | null = null;
      for (; pages < MAX_PAGES;) {
        let page;
        try {
          page = await pollFeed(connector, cfg.feed, cfg.feedConfig ?? {}, cursor, {
            connection,
            idempotencyKey: `ledger-feed-${input.flowId}-${asOf.toISOString()}-${cursor ?? 'start'}`,
            signal: ctx.cancellationSignal,
            logger: deps.logger,
            outbox: createPgOutbox(deps.orm.em.fork()),
            file,
          });
        } catch (err) {
          throw toFailure(err, { connector: cfg.connector, action: cfg.feed });
        }
        pages++;
        if (page.report) fileReport = page.report as Record<string, unknown>;
        for (const record of page.records) {
          polled++;
          yield map(record);
        }
        cursor = page.cursor;
        // The flow's feed status shows the rows read growing while the import runs (its own connection).
        await feedState.savePage(input.flowId, null, { pages, polled });
        ctx.heartbeat({ pages, polled });
        if (!page.hasMore) return;
      }
    }
    await feedState.start(input.flowId, null, { pages: 0, polled: 0 });
    if (files) await files.extracting(input.fileId!);
    try {
      const res = await createLedgerItemsStore(em).ingest({
        source: cfg.source ?? `${cfg.connector}:${cfg.feed}`,
        company: cfg.company ?? '',
        mode: cfg.mode,
        asOf,
        flowId: input.flowId,
        rows: rows(),
      });
      // In the feed status's terms (polled, updated, unchanged, failed) plus the import's own counts.
      const failed = res.errors.slice(0, 20).map((e) => ({ key: `row ${e.row}`, error: `${e.field}: ${e.message}` }));
      const stats = { pages, polled, ...res, errors: undefined, failed };
      await feedState.finish(input.flowId, stats);
      await files?.finish(input.fileId!, {
        status: res.status === 'done' ? 'done' : 'failed',
        report: { ...fileReport, ledger: stats },
      });
      return { ...res, pages };
    } catch (err) {
      await feedState.fail(input.flowId, (err as Error).message).catch(() => undefined);
      await files
        // The connector's code and cell (EXCEL_HEADER_MISSING, row, column): the upload answers the client's 400 with it.
        ?.finish(input.fileId!, { status: 'failed', error: errorOf(err, 'LEDGER_IMPORT_FAILED') })
        .catch(() => undefined);
      throw err;
    }
  };
}
