// Pure model of an action input in the editor: a fixed value typed by the connector's JSON Schema, or a formula.
// The flow JSON keeps a formula as a plain string (how every input was saved before) and a fixed value as
// `{ value }`, so older flows open with their inputs shown as formulas, unchanged.
import { parseAmountText } from '@ledgerflow/flow-model';
import { isFixedInput, type ActionInput } from '@ledgerflow/flow-model';

export type InputMode = 'fixed' | 'formula';
export type FixedKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'money' | 'list' | 'enum' | 'json';

export interface InputSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: InputSchema[];
  items?: InputSchema;
  properties?: Record<string, InputSchema>;
  default?: unknown;
}

export function inputMode(input: ActionInput | undefined): InputMode {
  return input === undefined || isFixedInput(input) ? 'fixed' : 'formula';
}

/** The values an enum picker offers: `enum`, or TypeBox's union of literals (`anyOf` of `const`). */
export function enumOptions(s: InputSchema): string[] | null {
  if (Array.isArray(s.enum)) return s.enum.map(String);
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0 && s.anyOf.every((x) => x.const !== undefined))
    return s.anyOf.map((x) => String(x.const));
  return null;
}

const types = (s: InputSchema) => [s.type].flat().filter((t): t is string => typeof t === 'string');

export function fixedKind(s: InputSchema | undefined): FixedKind {
  if (!s) return 'text';
  if (enumOptions(s)) return 'enum';
  const t = types(s);
  if (t.includes('object') && s.properties?.amount && s.properties.currency) return 'money';
  if (t.includes('array')) return 'list';
  if (t.includes('number') || t.includes('integer')) return 'number';
  if (t.includes('boolean')) return 'boolean';
  if (t.includes('string') && s.format === 'date') return 'date';
  if (t.includes('string') && s.format === 'date-time') return 'datetime';
  if (t.includes('string') || t.length === 0) return 'text';
  return 'json';
}

const LIST_SPLIT = /[,;\n]/;

/** What the field shows for a fixed value: lists as "a, b", JSON for objects, text as is. */
export function fixedText(kind: FixedKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'list' && Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  if (kind === 'json') return JSON.stringify(value, null, 2);
  if (kind === 'money') return '';
  return String(value);
}

/**
 * The stored value for what was typed; undefined when the field is empty (the input is then left out) or, for JSON
 * and numbers, when it does not parse (the field keeps the text and shows why).
 */
export function parseFixed(
  kind: FixedKind,
  text: string,
  s?: InputSchema,
  locale: string = 'en',
): { value?: unknown; error?: string } {
  if (text.trim() === '') return {};
  switch (kind) {
    case 'number': {
      // Read as the user's language writes numbers ("15 000,5" in French); a JSON Schema number is stored as one.
      const r = parseAmountText(text, locale);
      return r.ok ? { value: Number(r.value) } : { error: r.reason === 'ambiguous' ? 'numberAmbiguous' : 'number' };
    }
    case 'boolean':
      return { value: text === 'true' };
    case 'list': {
      const items = text
        .split(LIST_SPLIT)
        .map((x) => x.trim())
        .filter(Boolean);
      const numeric = s?.items && fixedKind(s.items) === 'number';
      return { value: numeric ? items.map(Number) : items };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: 'json' };
      }
    default:
      return { value: text };
  }
}

/**
 * Switching modes keeps what can be kept: a fixed value becomes the formula that gives it (a jsonata literal); a
 * formula that is only a literal becomes that value; any other formula is dropped (n8n does the same).
 */
export function toggleMode(input: ActionInput | undefined, to: InputMode): ActionInput | undefined {
  if (input === undefined) return undefined;
  if (to === 'formula') return isFixedInput(input) ? literalFormula(input.value) : input;
  if (isFixedInput(input)) return input;
  const literal = parseLiteral(input);
  return literal === undefined ? undefined : { value: literal };
}

function literalFormula(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string' && v.includes('{{')) return templateToFormula(v);
  return JSON.stringify(v);
}

/** `Dear {{ customer.name }}` as the formula `"Dear " & customer.name`. */
function templateToFormula(tpl: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of tpl.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    if (m.index > last) parts.push(JSON.stringify(tpl.slice(last, m.index)));
    parts.push(`$string(${m[1]!.trim()})`);
    last = m.index + m[0].length;
  }
  if (last < tpl.length) parts.push(JSON.stringify(tpl.slice(last)));
  return parts.join(' & ');
}

function parseLiteral(formula: string): unknown {
  const t = formula.trim();
  // jsonata's single-quoted strings are literals too.
  if (/^'[^'\\]*'$/.test(t)) return t.slice(1, -1);
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** A variable's insertion text: a path in a formula, a `{{ path }}` placeholder in fixed text. */
export function variableToken(mode: InputMode, path: string): string {
  return mode === 'formula' ? path : `{{ ${path} }}`;
}

/** Inserts at the caret (replacing any selection); returns the text and where the caret goes. */
export function insertAt(text: string, start: number, end: number, token: string): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { text: text.slice(0, s) + token + text.slice(e), caret: s + token.length };
}

/** True when a formula is a bare word jsonata reads as a path that names no variable: it would preview undefined. */
export function bareWordHint(formula: string, variables: readonly { name: string }[]): boolean {
  const t = formula.trim();
  if (!/^[A-Za-z_][\w-]*$/.test(t) || t === 'true' || t === 'false' || t === 'null') return false;
  const root = t.split('.')[0]!;
  return !variables.some((v) => v.name === root || v.name.startsWith(`${root}.`));
}
