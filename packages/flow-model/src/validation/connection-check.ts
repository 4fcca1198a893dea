import type { ConnectorCatalog } from '../catalog.ts';
import type { FlowIndex, IndexedNode } from './flow-index.ts';
import { isRecord, own, ownString, ptr } from './json-pointer.ts';
import type { ProblemSink } from './problem-sink.ts';

/** A connection as the publish check sees it: flows name it by id or by name. */
export interface KnownConnection {
  id: string;
  name: string;
  connector: string;
}

function requiresSomething(schema: unknown): boolean {
  const req = own(schema, 'required');
  return Array.isArray(req) && req.length > 0;
}

/**
 * A connector needs a connection when its connection schema requires a field (SMTP host, ERP URL): without one the
 * run would only fail later (`ESOCKET 127.0.0.1:587`). Excel, whose connection is all optional, needs none.
 */
export function connectorNeedsConnection(catalog: ConnectorCatalog, connector: string): boolean {
  const c = own(catalog.connectors, connector);
  const conn = isRecord(c) ? own(c, 'connection') : undefined;
  return isRecord(conn) && (requiresSomething(own(conn, 'config')) || requiresSomething(own(conn, 'secrets')));
}

/** The node as the process owner sees it: its label, else its id. */
export function nodeName(n: IndexedNode): string {
  return n.label ?? n.id;
}

const CONNECTED_KINDS = new Set(['action', 'trigger.recordFeed', 'trigger.ledgerFeed']);

/** Actions, feeds and the dunning sender whose connector needs a connection name one that exists, for that connector. */
export function checkConnections(
  ix: FlowIndex,
  catalog: ConnectorCatalog,
  connections: readonly KnownConnection[],
  sink: ProblemSink,
): void {
  for (const n of ix.byId.values()) {
    // dunning.send has no connector field: its letters always go through the email connector.
    const connector =
      n.kind === 'dunning.send' ? 'email' : CONNECTED_KINDS.has(n.kind) ? ownString(n.config, 'connector') : undefined;
    if (connector === undefined || !connectorNeedsConnection(catalog, connector)) continue;
    const named = ownString(n.config, 'connectionId');
    const usable = connections.filter((c) => c.connector === connector);
    if (named && usable.some((c) => c.id === named || c.name === named)) continue;
    const why = named
      ? `connection '${named}' is not a ${connector} connection that exists`
      : `needs a ${connector} connection`;
    sink.add({
      path: ptr('nodes', n.index, 'config', 'connectionId'),
      nodeId: n.id,
      code: 'CONNECTION_REQUIRED',
      message: `${nodeName(n)}: ${why}${usable.length ? '' : ' (none is set up yet)'}`,
    });
  }
}
