import type { Problem } from './errors.ts';
import { FlowInvalidError } from './errors.ts';
import type { ConnectorCatalog } from './catalog.ts';
import type { FlowDefinition } from './schema/flow.schema.ts';
import { ProblemSink } from './validation/problem-sink.ts';
import { checkStructure, MAX_NODES } from './validation/structure-check.ts';
import { buildIndex } from './validation/flow-index.ts';
import { checkGraph } from './validation/graph-check.ts';
import { baseScope, computeScopes, inputsOf, type VariableInfo } from './validation/variable-scope.ts';
import { checkCatalog, checkReferences, checkSettings, checkTaskForms } from './validation/reference-check.ts';
import { checkDunning } from './validation/dunning-check.ts';
import { nodeDefinitions } from './validation/node-references.ts';
import { checkConnections, type KnownConnection } from './validation/connection-check.ts';

export interface ValidateOptions {
  catalog?: ConnectorCatalog;
  /**
   * The connections that exist (publish passes them): an action or record feed whose connector needs one must
   * name one of them (CONNECTION_REQUIRED). Without this list, drafts are not checked for connections.
   */
  connections?: readonly KnownConnection[];
  /** Cap on reported problems (default 1000); a final TOO_MANY_PROBLEMS problem marks the cut. */
  maxProblems?: number;
}

/** Structural check against the JSON schema only; every problem carries its JSON path. */
export function structuralProblems(flow: unknown): Problem[] {
  const sink = new ProblemSink(200);
  try {
    checkStructure(flow, sink);
  } catch (err) {
    sink.add(internalProblem(err));
  }
  return sink.problems;
}

function internalProblem(err: unknown): Problem {
  return {
    path: '/',
    code: 'VALIDATOR_ERROR',
    message: `The validator failed on this input: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300),
  };
}

/**
 * Every problem in a flow: structure, graph, variables, expressions, connectors. Never throws.
 * Time is bounded: at most 5000 nodes / 20000 edges are examined (larger flows only get the size
 * problem and structural checks of that prefix), nesting deeper than 48 levels is refused before
 * any recursive walk, expressions are capped at 10k characters, and reporting stops at maxProblems.
 * Graph checks are O(N + E); the variable data flow is O(passes × E × variables), passes ≤ 50.
 */
export function validateFlow(flow: unknown, opts: ValidateOptions = {}): Problem[] {
  const sink = new ProblemSink(opts.maxProblems ?? 1000);
  try {
    const structure = checkStructure(flow, sink);
    if (!structure || sink.full) return sink.problems;
    const ix = buildIndex(structure);
    checkGraph(ix, structure, sink);
    checkSettings(flow, ix, sink);
    checkTaskForms(ix, sink);
    checkDunning(ix, sink);
    if (opts.catalog) checkCatalog(ix, opts.catalog, sink);
    if (opts.catalog && opts.connections) checkConnections(ix, opts.catalog, opts.connections, sink);
    const scopes = structure.oversized ? new Map() : computeScopes(ix, baseScope(inputsOf(flow)));
    checkReferences(ix, scopes, sink);
  } catch (err) {
    sink.add(internalProblem(err));
  }
  return sink.problems;
}

export function assertValidFlow(flow: unknown, opts: ValidateOptions = {}): asserts flow is FlowDefinition {
  const problems = validateFlow(flow, opts);
  if (problems.length > 0) throw new FlowInvalidError(problems);
}

/**
 * Variables the designer may offer at a node: built-ins, flow inputs, and outputs of nodes that run on
 * every path from the trigger to it (see computeScopes). Unreachable or unknown nodes get the
 * built-ins, inputs and trigger-defined variables only. Never throws.
 */
export function variablesAt(flow: unknown, nodeId: string): VariableInfo[] {
  try {
    const structure = checkStructure(flow, new ProblemSink(Number.MAX_SAFE_INTEGER));
    if (!structure || structure.nodes.length > MAX_NODES) return [];
    const ix = buildIndex(structure);
    const base = baseScope(inputsOf(flow));
    let scope = computeScopes(ix, base).get(nodeId);
    if (!scope) {
      scope = new Map(base);
      for (const t of ix.triggers)
        for (const d of nodeDefinitions(t, null)) scope.set(d.name, { ...d, source: 'node', nodeId: t.id });
    }
    return [...scope.values()];
  } catch {
    return [];
  }
}
