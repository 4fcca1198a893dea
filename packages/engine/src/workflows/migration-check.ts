// Whether a parked run can move onto another version: one check for the migrate update's validator (apply) and
// the migrationCheck query (dry run), so a dry run reports exactly what applying would refuse.
import type { FlowDefinition, FlowNode } from '@ledgerflow/flow-model';
import { WAITING_KINDS } from '@ledgerflow/flow-model/vocabulary';
import type { Graph } from './graph.ts';
import type { MigrationChange, MigrationCheck, MigrationRefusalCode } from './messages.ts';

const WAITING = new Set<string>(WAITING_KINDS);

type TaskConfig = { outcomes?: unknown; form?: unknown };

/**
 * What an approver decides with: the outcomes (name, kind, required fields) and the form. The open task row
 * holds these as the run created it, so a version changing them would leave a task no one can complete.
 */
function taskChanges(nodeId: string, here: TaskConfig, there: TaskConfig): MigrationChange[] {
  const changes: MigrationChange[] = [];
  const outcomes = (c: TaskConfig) =>
    ((c.outcomes ?? []) as Array<{ name: string; kind?: string; requires?: string[] }>).map((o) => ({
      name: o.name,
      kind: o.kind ?? 'other',
      requires: [...(o.requires ?? [])].sort(),
    }));
  const [before, after] = [outcomes(here), outcomes(there)];
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ nodeId, field: 'outcomes', before, after });
  const [formBefore, formAfter] = [here.form ?? null, there.form ?? null];
  if (stableJson(formBefore) !== stableJson(formAfter))
    changes.push({ nodeId, field: 'form', before: formBefore, after: formAfter });
  return changes;
}

/** JSON with sorted keys: a form whose keys were reordered by the editor is the same form. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const refused = (code: MigrationRefusalCode, reason: string, changes?: MigrationChange[]): MigrationCheck => ({
  ok: false,
  code,
  reason,
  ...(changes ? { changes } : {}),
});

export function checkMigration(graph: Graph, parked: string[], definition: FlowDefinition): MigrationCheck {
  if (parked.length === 0) return refused('NOT_PARKED', 'the run is not parked in a wait or task');
  for (const id of parked) {
    const here = graph.nodes.get(id);
    if (!here || !WAITING.has(here.kind))
      return refused('NOT_PARKED', `node '${id}' is a ${here?.kind ?? 'missing'} node, not a wait or task`);
    const there = definition.nodes.find((n: FlowNode) => n.id === id);
    if (!there) return refused('NODE_MISSING', `node '${id}' does not exist in the target version`);
    if (there.kind !== here.kind)
      return refused('NODE_CHANGED_KIND', `node '${id}' is a ${there.kind} in the target version`);
    if (here.kind === 'humanTask') {
      const changes = taskChanges(id, here.config as TaskConfig, there.config as TaskConfig);
      if (changes.length)
        return refused(
          'OPEN_TASK_CHANGED',
          `the open task of node '${id}' would change its ${changes.map((c) => c.field).join(' and ')}`,
          changes,
        );
    }
  }
  return { ok: true };
}
