import { checkExpression, evaluateExpression, type EvaluateOptions } from './expression-eval.ts';

export interface TemplatePlaceholder {
  expression: string;
  /** Offset of the opening `{{` in the template. */
  start: number;
  end: number;
}

// Non-greedy: a placeholder ends at the first `}}`, so object constructors inside need a space: `{ "a": {"b": 1} }`.
const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;

export function templatePlaceholders(tpl: string): TemplatePlaceholder[] {
  const out: TemplatePlaceholder[] = [];
  if (typeof tpl !== 'string') return out;
  for (const m of tpl.matchAll(PLACEHOLDER))
    out.push({ expression: m[1]!.trim(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** The jsonata expressions inside `{{ }}` placeholders, in order. */
export function templateExpressions(tpl: string): string[] {
  return templatePlaceholders(tpl).map((p) => p.expression);
}

/** First problem of a template (unclosed or unparsable placeholder), or null. */
export function checkTemplate(tpl: string): string | null {
  if (typeof tpl !== 'string') return 'Template must be a string';
  const rest = tpl.replace(PLACEHOLDER, '');
  if (rest.includes('{{')) return "Template has a '{{' without a closing '}}'";
  for (const p of templatePlaceholders(tpl)) {
    const err = checkExpression(p.expression);
    if (err) return `Placeholder {{ ${p.expression.slice(0, 60)} }}: ${err}`;
  }
  return null;
}

function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(toText).join(', ');
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/**
 * Renders `{{ expr }}` placeholders as plain text. Nothing is HTML-escaped or interpreted: the output is
 * text, and whoever puts it into HTML (designer, e-mail connector) must escape it there.
 */
export async function renderTemplate(
  tpl: string,
  vars: Record<string, unknown>,
  opts: EvaluateOptions = {},
): Promise<string> {
  let out = '';
  let last = 0;
  for (const p of templatePlaceholders(tpl)) {
    out += tpl.slice(last, p.start) + toText(await evaluateExpression(p.expression, vars, opts));
    last = p.end;
  }
  return out + tpl.slice(last);
}
