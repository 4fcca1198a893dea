import * as flowModel from '@ledgerflow/flow-model';
import type { CalendarRule, FlowDefinition, VariableType, WaitSpec } from '@ledgerflow/flow-model';
import type { VariableInfo } from '../rules/rule-builder.model.ts';

/**
 * flow-model is being extended in parallel with the designer. These are the functions we use when they
 * exist; every caller has a degraded path, so the designer builds against either version of the package.
 */
interface Extensions {
  variablesAt: (flow: FlowDefinition, nodeId: string) => unknown;
  evaluateExpression: (expr: string, vars: Record<string, unknown>) => Promise<unknown> | unknown;
  renderTemplate: (tpl: string, vars: Record<string, unknown>) => Promise<unknown> | unknown;
  parseCalendarRule: (text: string, lang: 'en' | 'fr') => { rule: CalendarRule } | { error: string };
  describeCalendarRule: (rule: CalendarRule, lang: 'en' | 'fr') => string;
  computeWaitUntil: (spec: WaitSpec, from: Date, opts: { calendar: string; timezone: string; vars?: Record<string, unknown> }) => Promise<Date> | Date;
}

export const ext: Partial<Extensions> = flowModel as unknown as Partial<Extensions>;

const TYPES = new Set<string>(['string', 'number', 'decimal', 'money', 'date', 'datetime', 'boolean', 'object', 'list', 'any']);

function asType(t: unknown): VariableType {
  return typeof t === 'string' && TYPES.has(t) ? (t as VariableType) : 'any';
}

/** Normalises whatever variablesAt returns (array or record, nested fields or not) to dotted names. */
export function normaliseVariables(raw: unknown): VariableInfo[] {
  const out: VariableInfo[] = [];
  const push = (name: string, v: unknown): void => {
    const o = (v ?? {}) as { type?: unknown; description?: unknown; fields?: unknown; properties?: unknown };
    const info: VariableInfo = { name, type: asType(typeof v === 'string' ? v : o.type) };
    if (typeof o.description === 'string') info.description = o.description;
    out.push(info);
    const nested = o.fields ?? o.properties;
    if (nested && typeof nested === 'object') {
      for (const [k, child] of Array.isArray(nested) ? nested.map((c: { name: string }) => [c.name, c] as const) : Object.entries(nested)) push(`${name}.${k}`, child);
    }
  };
  if (Array.isArray(raw)) for (const v of raw) push(String((v as { name?: unknown }).name ?? ''), v);
  else if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) push(k, v);
  return out.filter((v) => v.name);
}

/** Variables available when `nodeId` runs. Fallback: inputs plus every node output, typed loosely. */
export function variablesAt(flow: FlowDefinition, nodeId: string): VariableInfo[] {
  if (ext.variablesAt) {
    try {
      return normaliseVariables(ext.variablesAt(flow, nodeId));
    } catch {
      // fall through to the approximation: a half-edited flow must not break the property panel
    }
  }
  const vars: VariableInfo[] = flow.variables.map((v) => ({ name: v.name, type: v.type }));
  for (const n of flow.nodes) {
    if (n.id === nodeId) continue;
    const c = n.config as { outputVariable?: string; assignments?: { variable: string }[] };
    if (c.outputVariable) vars.push({ name: c.outputVariable, type: 'any' });
    for (const a of c.assignments ?? []) vars.push({ name: a.variable, type: 'any' });
  }
  return vars;
}

export type Preview = { ok: true; value: unknown } | { ok: false; error: string };

export async function previewExpression(expr: string, sample: Record<string, unknown>): Promise<Preview> {
  if (!ext.evaluateExpression) return { ok: false, error: 'preview unavailable' };
  try {
    return { ok: true, value: await ext.evaluateExpression(expr, sample) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
