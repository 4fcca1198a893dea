import {
  structuralProblems,
  validateFlow,
  type ConnectorCatalog,
  type FlowDefinition,
  type Problem,
} from '@ledgerflow/flow-model';

export const MAX_IMPORT_NODES = 5000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportResult = { ok: true; flow: FlowDefinition; warnings: Problem[] } | { ok: false; problems: Problem[] };

const refuse = (code: string, message: string, path = '/'): ImportResult => ({
  ok: false,
  problems: [{ code, message, path }],
});

/**
 * Decides whether imported text may replace the current flow. Cheap checks (size, shape, node count)
 * run before the schema validator so a hostile 100k-node file is refused without walking it.
 * Only structural problems refuse an import: a draft may legitimately be unfinished.
 */
export function guardImport(text: string, catalog?: ConnectorCatalog): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) {
    return refuse('IMPORT_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return refuse('IMPORT_NOT_JSON', `The file is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse('IMPORT_NOT_A_FLOW', 'The file must contain one flow definition object.');
  }
  const candidate = data as Record<string, unknown>;
  if (!Array.isArray(candidate.nodes) || !Array.isArray(candidate.edges)) {
    return refuse(
      'IMPORT_NOT_A_FLOW',
      'A flow definition needs "nodes" and "edges" arrays.',
      Array.isArray(candidate.nodes) ? '/edges' : '/nodes',
    );
  }
  if (candidate.nodes.length > MAX_IMPORT_NODES) {
    return refuse(
      'IMPORT_TOO_MANY_NODES',
      `The flow has ${candidate.nodes.length} nodes; at most ${MAX_IMPORT_NODES} can be imported.`,
      '/nodes',
    );
  }
  const structural = structuralProblems(data);
  if (structural.length > 0) return { ok: false, problems: structural };
  const flow = data as FlowDefinition;
  const duplicate = firstDuplicateId(flow);
  if (duplicate) return refuse('IMPORT_DUPLICATE_ID', `Node id "${duplicate}" is used more than once.`, '/nodes');
  return { ok: true, flow, warnings: validateFlow(flow, catalog ? { catalog } : {}) };
}

function firstDuplicateId(flow: FlowDefinition): string | undefined {
  const seen = new Set<string>();
  for (const n of flow.nodes) {
    if (seen.has(n.id)) return n.id;
    seen.add(n.id);
  }
  return undefined;
}
