import {
  evaluateExpression,
  variablesAt as modelVariablesAt,
  type FlowDefinition,
  type VariableType,
} from '@ledgerflow/flow-model';
import type { VariableInfo } from '../rules/rule-builder.model.ts';

// This module pulls in the validator (and through it the holiday calendars), so only lazily loaded
// panels import it; the canvas must stay light for first paint.

const TYPES = new Set<string>([
  'string',
  'number',
  'decimal',
  'money',
  'date',
  'datetime',
  'boolean',
  'object',
  'list',
  'any',
]);

function asType(t: unknown): VariableType {
  return typeof t === 'string' && TYPES.has(t) ? (t as VariableType) : 'any';
}

/** Normalises variable listings (array or record, with nested fields or not) to dotted names. */
export function normaliseVariables(raw: unknown): VariableInfo[] {
  const out: VariableInfo[] = [];
  const push = (name: string, v: unknown): void => {
    const o = (v ?? {}) as { type?: unknown; description?: unknown; fields?: unknown; properties?: unknown };
    const info: VariableInfo = { name, type: asType(typeof v === 'string' ? v : o.type) };
    if (typeof o.description === 'string') info.description = o.description;
    out.push(info);
    const nested = o.fields ?? o.properties;
    if (nested && typeof nested === 'object') {
      for (const [k, child] of Array.isArray(nested)
        ? nested.map((c: { name: string }) => [c.name, c] as const)
        : Object.entries(nested))
        push(`${name}.${k}`, child);
    }
  };
  if (Array.isArray(raw)) for (const v of raw) push(String((v as { name?: unknown }).name ?? ''), v);
  else if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) push(k, v);
  return out.filter((v) => v.name);
}

/** Variables available when `nodeId` runs, with their types, from flow-model's scope analysis. */
export function variablesAt(flow: FlowDefinition, nodeId: string): VariableInfo[] {
  try {
    return normaliseVariables(modelVariablesAt(flow, nodeId));
  } catch {
    // A half-edited flow must not break the property panel: fall back to the declared inputs.
    return flow.variables.map((v) => ({ name: v.name, type: v.type }));
  }
}

export type Preview = { ok: true; value: unknown } | { ok: false; error: string };

export async function previewExpression(expr: string, sample: Record<string, unknown>): Promise<Preview> {
  try {
    return { ok: true, value: await evaluateExpression(expr, sample) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
