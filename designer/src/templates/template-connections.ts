// Which connection each connector of a gallery template uses, chosen when the template is imported. Pure.
import type { FlowDefinition } from '@ledgerflow/flow-model';

export interface ConnectionOption {
  id: string;
  name: string;
  connectorId: string;
}

export interface TemplateConnector {
  connector: string;
  /** The names the template ships with (`local-mail`, `s4hana`), matched against existing connections first. */
  shipped: string[];
}

type ConnectedConfig = { connector?: unknown; connectionId?: unknown };

/** The connector a node connects through: its own for actions and feeds; the dunning sender always mails. */
function nodeConnector(n: FlowDefinition['nodes'][number]): string | undefined {
  if (n.kind === 'dunning.send') return 'email';
  const c = n.config as ConnectedConfig;
  const own = n.kind === 'action' || n.kind === 'trigger.recordFeed' || n.kind === 'trigger.ledgerFeed';
  return own && typeof c.connector === 'string' ? c.connector : undefined;
}

function connected(def: FlowDefinition): Array<{ connector: string; connectionId: string }> {
  return def.nodes.flatMap((n) => {
    const c = n.config as ConnectedConfig;
    const connector = nodeConnector(n);
    return connector && typeof c.connectionId === 'string' ? [{ connector, connectionId: c.connectionId }] : [];
  });
}

/** The connectors whose nodes the template connects (templates name a connection exactly where one is needed). */
export function templateConnectors(def: FlowDefinition): TemplateConnector[] {
  const by = new Map<string, Set<string>>();
  for (const { connector, connectionId } of connected(def)) {
    const set = by.get(connector) ?? new Set<string>();
    set.add(connectionId);
    by.set(connector, set);
  }
  return [...by].map(([connector, names]) => ({ connector, shipped: [...names] }));
}

/** The connection the template names if it exists, else the only one of that connector, else none. */
export function defaultConnection(tc: TemplateConnector, options: readonly ConnectionOption[]): string | undefined {
  const mine = options.filter((o) => o.connectorId === tc.connector);
  const shipped = mine.find((o) => tc.shipped.includes(o.name) || tc.shipped.includes(o.id));
  return shipped?.id ?? (mine.length === 1 ? mine[0]!.id : undefined);
}

/**
 * The template with the chosen connection on every node of each connector; a connector left without one loses the
 * template's name, so the designer asks for it rather than pointing at a connection that does not exist.
 */
export function applyConnections(def: FlowDefinition, chosen: Record<string, string | undefined>): FlowDefinition {
  const copy = structuredClone(def);
  for (const n of copy.nodes) {
    const c = n.config as ConnectedConfig;
    const connector = nodeConnector(n);
    if (!connector || !(connector in chosen) || typeof c.connectionId !== 'string') continue;
    const id = chosen[connector];
    if (id) c.connectionId = id;
    else delete c.connectionId;
  }
  return copy;
}
