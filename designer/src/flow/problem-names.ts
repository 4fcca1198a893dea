// Where a problem is, in the words of the person who drew the flow: "Approve credit note › Recipient" rather than
// `/nodes/4/config/inputs`, and which field of the property panel to focus when they click it. Pure.
import type { ConnectorCatalog, FlowDefinition, Problem } from '@ledgerflow/flow-model';
import { fieldLabel } from './connector-labels.ts';

export interface ProblemPlace {
  nodeId?: string;
  edgeId?: string;
  /** The node's label, else its kind and id. */
  node?: string;
  /** The field, as its editor labels it. */
  field?: string;
  /** The `data-field` of the property panel element to focus (`inputs/to`, `connectionId`, `config/title`). */
  focus?: string;
}

export interface NamingContext {
  catalog?: ConnectorCatalog;
  lang: string;
  /** The kind's name in the user's language ("Human task"). */
  kindLabel: (kind: string) => string;
  /** Names of common config fields in the user's language; unknown ones are shown as they are. */
  fieldNames: Partial<Record<string, string>>;
}

const NODE_PATH = /^\/nodes\/(\d+)(?:\/config\/?(.*))?/;
const EDGE_PATH = /^\/edges\/(\d+)/;
const decode = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function problemPlace(p: Problem, def: FlowDefinition, ctx: NamingContext): ProblemPlace {
  const m = NODE_PATH.exec(p.path);
  const node = m ? def.nodes[Number(m[1])] : p.nodeId ? def.nodes.find((n) => n.id === p.nodeId) : undefined;
  if (!node) {
    const e = EDGE_PATH.exec(p.path);
    const edgeId = p.edgeId ?? (e ? def.edges[Number(e[1])]?.id : undefined);
    return edgeId ? { edgeId } : {};
  }
  const place: ProblemPlace = {
    nodeId: node.id,
    node: node.label?.trim() || `${ctx.kindLabel(node.kind)} (${node.id})`,
  };
  const rest = (m?.[2] ?? '').split('/').filter(Boolean).map(decode);
  const [first, second] = rest;
  if (!first) return place;
  if (first === 'inputs' && (node.kind === 'action' || node.kind === 'subFlow')) {
    // MISSING_INPUT points at the inputs object; its message names the field.
    const input = second ?? /input '([^']+)'/.exec(p.message)?.[1];
    if (!input) return { ...place, field: ctx.fieldNames.inputs ?? 'inputs' };
    return { ...place, field: inputTitle(node, input, ctx), focus: `inputs/${input}` };
  }
  if (first === 'connectionId') return { ...place, field: ctx.fieldNames.connectionId ?? first, focus: 'connectionId' };
  return { ...place, field: ctx.fieldNames[first] ?? first, focus: `config/${first}` };
}

function inputTitle(node: FlowDefinition['nodes'][number], input: string, ctx: NamingContext): string {
  if (node.kind !== 'action') return input;
  const action = ctx.catalog?.connectors[node.config.connector]?.actions[node.config.action];
  const props = (action?.input as { properties?: Record<string, { title?: string }> } | undefined)?.properties;
  return fieldLabel(action, input, props?.[input], ctx.lang).title ?? input;
}

/** "Approve credit note › Recipient" (the field only when the problem has one). */
export function placeText(place: ProblemPlace): string | undefined {
  if (!place.node) return place.edgeId;
  return place.field ? `${place.node} › ${place.field}` : place.node;
}
