import type { ActionInput, FixedValue } from '../schema/common.schema.ts';
import { evaluateExpression, type EvaluateOptions } from './expression-eval.ts';
import { renderTemplate } from './template-render.ts';

/** A fixed value (`{ value }`); a plain string is a formula. */
export function isFixedInput(input: unknown): input is FixedValue {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && Object.hasOwn(input, 'value');
}

/** Text that carries `{{ }}` placeholders, rendered like a task title; any other fixed value is taken as it is. */
export function isTemplateText(v: unknown): v is string {
  return typeof v === 'string' && v.includes('{{');
}

/**
 * What an action receives for one input: a formula is evaluated over the run variables, a fixed value is
 * literal, so `manager@bledina.example` or `task-reminder` need no quotes.
 */
export async function evaluateActionInput(
  input: ActionInput,
  vars: Record<string, unknown>,
  opts: EvaluateOptions = {},
): Promise<unknown> {
  if (!isFixedInput(input)) return evaluateExpression(input, vars, opts);
  return isTemplateText(input.value) ? renderTemplate(input.value, vars, opts) : input.value;
}
