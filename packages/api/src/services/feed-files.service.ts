import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { createFeedFileStore, FeedFileTooLargeError, pgTimestampIso, type Env, type FeedFileRow } from '@ledgerflow/db';
import {
  ConflictError,
  LedgerflowError,
  type FeedFileArrival,
  type FlowDefinition,
  type NodeOfKind,
} from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from './flow.service.ts';
import { readsFiles } from './trigger.service.ts';

/** Larger than the extracts finance mails (a few MB) by far; the content streams to storage in chunks anyway. */
export const MAX_FEED_FILE_BYTES = 50 * 1024 * 1024;
/**
 * A feed's mail-in address, in LEDGERFLOW_MAILIN_DOMAIN (the domain the MX points at the API's receiver; on the
 * embedded default the local SMTP sink receives every address).
 */
export const mailInAddress = (env: Env, flowId: string) => `feed-${flowId}@${env.LEDGERFLOW_MAILIN_DOMAIN}`;
const MAIL_IN_LOCAL = /^feed-([0-9a-f-]{36})$/i;
/** The flow a mail-in address names, or undefined when it is not a feed address of this platform's domain. */
export function flowOfMailIn(env: Env, address: string): string | undefined {
  const a = address.trim();
  const at = a.lastIndexOf('@');
  if (at < 0 || a.slice(at + 1).toLowerCase() !== env.LEDGERFLOW_MAILIN_DOMAIN.toLowerCase()) return undefined;
  return MAIL_IN_LOCAL.exec(a.slice(0, at))?.[1]?.toLowerCase();
}

const FILE_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.csv', '.txt']);
export const isFeedFileName = (name: string) => FILE_EXTENSIONS.has(path.extname(name).toLowerCase());

/** A received file refused before its extraction: wrong kind, too large, no file part. */
export class FeedFileError extends LedgerflowError {
  constructor(code: string, message: string, status: number, details?: Record<string, unknown>) {
    super(code, message, { status, details });
  }
}

type Trigger = NodeOfKind<'trigger.recordFeed'> | NodeOfKind<'trigger.ledgerFeed'>;

/**
 * The active version's file feed (the Excel connector's `fileRecords`), behind a record-feed trigger (one case per
 * key) or a ledger-feed trigger (one ledger import per file): who may mail files in, and which workflow a file starts.
 */
export async function fileFeedOf(deps: AppDeps, flowId: string) {
  const active = await new FlowService(deps).runnable(flowId);
  const trigger = (active.definition as FlowDefinition).nodes.find(
    (n): n is Trigger => n.kind === 'trigger.recordFeed' || n.kind === 'trigger.ledgerFeed',
  );
  if (!trigger || !readsFiles(trigger.config))
    throw new ConflictError('NOT_A_FILE_FEED', 'The active version of this flow is not started by a file feed', {
      flowId,
      version: active.version,
    });
  const senders = (trigger.config.feedConfig as { allowedSenders?: unknown } | undefined)?.allowedSenders;
  return {
    version: active.version,
    allowedSenders: Array.isArray(senders) ? senders.filter((s): s is string => typeof s === 'string') : [],
    ledger: trigger.kind === 'trigger.ledgerFeed',
  };
}
export type FileFeed = Awaited<ReturnType<typeof fileFeedOf>>;

/** An address `ap@x.fr` is allowed by `ap@x.fr` or `@x.fr`, ignoring case. */
export function senderAllowed(sender: string | null | undefined, allowed: string[]): boolean {
  const s = sender?.trim().toLowerCase();
  if (!s) return false;
  return allowed.some((a) => {
    const x = a.trim().toLowerCase();
    return x.startsWith('@') ? s.endsWith(x) : s === x;
  });
}

export const feedFileView = (r: FeedFileRow) => ({
  id: r.id,
  name: r.name,
  size: Number(r.size),
  contentType: r.content_type,
  sender: r.sender,
  arrivedVia: r.arrived_via,
  receivedAt: pgTimestampIso(r.received_at),
  status: r.status,
  refusal: r.refusal,
  report: r.report,
  error: r.error,
  finishedAt: r.finished_at ? pgTimestampIso(r.finished_at) : null,
});
export type FeedFileView = ReturnType<typeof feedFileView>;

/** Stores a received file, streamed into chunks; a refused or broken transfer leaves no row. */
export async function storeFeedFile(
  deps: AppDeps,
  f: {
    flowId: string;
    name: string;
    contentType: string;
    sender: string | null;
    via: FeedFileArrival;
    userId?: string | null;
    content: AsyncIterable<Uint8Array>;
  },
): Promise<string> {
  if (!isFeedFileName(f.name))
    throw new FeedFileError('FEED_FILE_TYPE', `'${f.name}' is not an .xlsx or .csv file`, 400, { file: f.name });
  const store = createFeedFileStore(deps.orm.em.fork());
  const id = randomUUID();
  await store.create({
    id,
    flowId: f.flowId,
    name: f.name,
    contentType: f.contentType,
    sender: f.sender,
    arrivedVia: f.via,
    receivedBy: f.userId ?? null,
  });
  try {
    const { size } = await store.writeContent(id, f.content, MAX_FEED_FILE_BYTES);
    if (size === 0) throw new FeedFileError('FEED_FILE_EMPTY', `'${f.name}' is empty`, 400, { file: f.name });
  } catch (err) {
    await store.remove(id);
    if (err instanceof FeedFileTooLargeError)
      throw new FeedFileError('FEED_FILE_TOO_LARGE', `Feed files are limited to ${err.limit / 1024 / 1024} MB`, 413, {
        limit: err.limit,
      });
    throw err;
  }
  return id;
}

/**
 * Starts the file's extraction (mail-in: nobody waits for it; its report shows on the flow's Files tab): a record
 * feed's sync, or a ledger feed's import (after which a leading-on flow runs, e.g. the dunning run).
 */
export async function startExtraction(deps: AppDeps, flowId: string, fileId: string, feed?: FileFeed) {
  const ledger = (feed ?? (await fileFeedOf(deps, flowId))).ledger;
  return deps.temporal.workflow.start(ledger ? 'ledgerFeedSyncWorkflow' : 'feedSyncWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId: `${ledger ? 'ledger-feed' : 'feed'}-${flowId}-file-${fileId}`,
    args: [{ flowId, fileId }],
  });
}

/**
 * Runs the file's extraction and answers with the file and its report. A file the connector cannot read (a
 * missing column, a damaged workbook) is the client's 400, with the connector's code and the file, sheet, row
 * and column it names; anything else that failed the extraction is a 502.
 */
export async function extractNow(
  deps: AppDeps,
  flowId: string,
  fileId: string,
  feed?: FileFeed,
): Promise<FeedFileView> {
  const handle = await startExtraction(deps, flowId, fileId, feed);
  const store = createFeedFileStore(deps.orm.em.fork());
  try {
    await handle.result();
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const row = await store.get(fileId);
    const e = (row?.error ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
    const code = e.code ?? 'FEED_EXTRACTION_FAILED';
    throw new FeedFileError(code, e.message ?? 'The extraction failed', code.startsWith('EXCEL_') ? 400 : 502, {
      fileId,
      ...e.details,
    });
  }
  return feedFileView((await store.get(fileId))!);
}

export async function getFeedFile(deps: AppDeps, flowId: string, fileId: string): Promise<FeedFileView> {
  const row = await createFeedFileStore(deps.orm.em.fork()).get(fileId);
  if (!row || row.flow_id !== flowId)
    throw new FeedFileError('NOT_FOUND', `file '${fileId}' was not found`, 404, { what: 'file', id: fileId });
  return feedFileView(row);
}

/** The Files tab: the feed's mail-in address and allowed senders, and the files received, newest first. */
export async function listFeedFiles(deps: AppDeps, flowId: string, limit: number) {
  const feed = await fileFeedOf(deps, flowId);
  const rows = await createFeedFileStore(deps.orm.em.fork()).list(flowId, limit);
  return {
    mailIn: { address: mailInAddress(deps.env, flowId), allowedSenders: feed.allowedSenders },
    items: rows.map(feedFileView),
  };
}
