import { ApplicationFailure } from '@temporalio/activity';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import type { ConnectionValue, Connector } from '@ledgerflow/connector-sdk';
import {
  createConnectionStore,
  createFeedFileStore,
  createFlowStore,
  feedFileSource,
  type EntityManager,
  type FeedFileStore,
  type RunnableVersionRow,
} from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';

interface FeedConfigs {
  'trigger.recordFeed': NodeOfKind<'trigger.recordFeed'>['config'];
  'trigger.ledgerFeed': NodeOfKind<'trigger.ledgerFeed'>['config'];
}
type FeedTriggerKind = keyof FeedConfigs;
const TRIGGER_NAME: Record<FeedTriggerKind, string> = {
  'trigger.recordFeed': 'record-feed',
  'trigger.ledgerFeed': 'ledger-feed',
};

export interface FeedSource<K extends FeedTriggerKind> {
  flow: RunnableVersionRow;
  cfg: FeedConfigs[K];
  connector: Connector;
  connection: ConnectionValue | undefined;
  /** Set for a file extraction (input.fileId): the store the extraction reports to, and the file its feed reads. */
  files: FeedFileStore | undefined;
  file: ReturnType<typeof feedFileSource> | undefined;
}

/**
 * What an extraction reads from, shared by record and ledger feeds: the flow's active version, its feed trigger, the
 * connector, the connection with its secrets, and the received file when the extraction is one file's. Anything
 * missing is a non-retryable failure: a retry would find it missing again.
 */
export async function loadFeedSource<K extends FeedTriggerKind>(
  deps: ActivityDeps,
  em: EntityManager,
  input: { flowId: string; fileId?: string },
  kind: K,
): Promise<FeedSource<K>> {
  const flow = await createFlowStore(em).runnable(input.flowId);
  if (!flow) throw ApplicationFailure.nonRetryable(`flow ${input.flowId} has no active version`, 'FLOW_NOT_PUBLISHED');
  const trigger = flow.definition.nodes.find((n): n is NodeOfKind<FeedTriggerKind> => n.kind === kind);
  if (!trigger)
    throw ApplicationFailure.nonRetryable(`flow ${input.flowId} has no ${TRIGGER_NAME[kind]} trigger`, 'FLOW_INVALID');
  const cfg = trigger.config as FeedConfigs[K];
  const connector = deps.registry.get(cfg.connector);
  if (!connector) throw ApplicationFailure.nonRetryable(`unknown connector '${cfg.connector}'`, 'CONNECTOR_UNKNOWN');
  let connection: ConnectionValue | undefined;
  if (cfg.connectionId) {
    const c = await createConnectionStore(em).findByIdOrName(cfg.connectionId);
    if (!c)
      throw ApplicationFailure.nonRetryable(`connection '${cfg.connectionId}' does not exist`, 'CONNECTION_UNKNOWN');
    connection = { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
  }
  const files = input.fileId ? createFeedFileStore(em) : undefined;
  const fileRow = input.fileId ? await files!.get(input.fileId) : undefined;
  if (input.fileId && fileRow?.flow_id !== input.flowId)
    throw ApplicationFailure.nonRetryable(`file ${input.fileId} was not received for this flow`, 'FEED_FILE_UNKNOWN');
  const file = fileRow ? feedFileSource(files!, fileRow) : undefined;
  return { flow, cfg, connector, connection, files, file };
}
