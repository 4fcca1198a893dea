import {
  validateFlow,
  type ConnectorCatalog,
  type FlowDefinition,
  type KnownConnection,
  type Problem,
} from '@ledgerflow/flow-model';

/** The schema validator locates problems by JSON path only; the canvas needs the node. */
export function attachNodeIds(problems: Problem[], def: FlowDefinition): Problem[] {
  return problems.map((p) => {
    if (p.nodeId) return p;
    const m = /^\/nodes\/(\d+)(\/|$)/.exec(p.path);
    const id = m ? def.nodes[Number(m[1])]?.id : undefined;
    return id ? { ...p, nodeId: id } : p;
  });
}

/** With the connections that exist, the problem list shows what publishing would refuse (CONNECTION_REQUIRED). */
export function flowProblems(
  def: FlowDefinition,
  catalog?: ConnectorCatalog,
  connections?: readonly KnownConnection[],
): Problem[] {
  return attachNodeIds(validateFlow(def, catalog ? { catalog, ...(connections ? { connections } : {}) } : {}), def);
}
