// The ledger feed's activity, typed apart from activity-types.ts like the dunning ones.
import type { LedgerIngestResult } from '@ledgerflow/db';

export interface SyncLedgerFeedInput {
  flowId: string;
  /** A file extraction: the received file (feed_files) the flow's Excel/CSV file feed reads. */
  fileId?: string;
}
export type SyncLedgerFeedResult = Omit<LedgerIngestResult, 'errors'> & {
  /** The first bad rows (row number in the extraction and field); all of them are on the import row. */
  errors: LedgerIngestResult['errors'];
  pages: number;
};

export interface LedgerFeedActivities {
  /** Streams every page of the flow's ledger feed into one ledger import (ledger-feed-sync workflow). */
  syncLedgerFeed(input: SyncLedgerFeedInput): Promise<SyncLedgerFeedResult>;
}
