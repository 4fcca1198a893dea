import type { Liquid } from 'liquidjs';
import type { LetterTemplate } from '@ledgerflow/connector-sdk';

/** Set by the renderer itself, never expected from a flow's data. */
export const PROVIDED_BY_RENDERER = ['labels', 'language', 'subject'] as const;

type Segment = string | number | unknown[];

/** "customer.name", "items[0].amount"; a dynamic index (`a[b]`) ends the path, since its key is data. */
function pathOf(segments: Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string') out += out ? `.${s}` : s;
    else break;
  }
  return out;
}

/**
 * The data paths a letter reads (subject, text and HTML, through its partials), found by liquidjs' static
 * analysis: loop and assigned variables are local, so `{% for item in items %}` reports `items` only.
 */
export async function templateVariables(engine: Liquid, t: Pick<LetterTemplate, 'subject' | 'html' | 'text'>) {
  const found = new Set<string>();
  for (const src of [t.subject, t.text, t.html]) {
    const segments = (await engine.globalVariableSegments(src)) as Segment[][];
    for (const seg of segments) {
      const p = pathOf(seg);
      if (p && !(PROVIDED_BY_RENDERER as readonly string[]).includes(p.split(/[.[]/)[0]!)) found.add(p);
    }
  }
  // A path already covered by a longer one adds nothing: "customer" when "customer.name" is listed.
  const all = [...found];
  return all.filter((p) => !all.some((q) => q !== p && (q.startsWith(`${p}.`) || q.startsWith(`${p}[`)))).sort();
}

const GUARD = /{%-?\s*(?:if|elsif|unless)\s+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*-?%}/g;

/**
 * The paths a letter tests before reading (`{% if note %}` … `{{ note.number }}`): data without them is a letter
 * without that sentence, not a missing variable. Only the letter's own text is read, not its partials.
 */
export function guardedPaths(t: Pick<LetterTemplate, 'subject' | 'html' | 'text'>): string[] {
  const out = new Set<string>();
  for (const src of [t.subject, t.text, t.html]) for (const m of src.matchAll(GUARD)) out.add(m[1]!);
  return [...out];
}

function lookup(data: unknown, path: string): unknown {
  let v: unknown = data;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * The paths the data does not have, leaving out the guarded ones. A path under a list, or under something present but null, is not missing:
 * liquid reads those per item or skips them (`{% if note %}`), so a letter with no items is not refused.
 */
export function missingVariables(
  variables: string[],
  data: Record<string, unknown>,
  guarded: readonly string[] = [],
): string[] {
  const optional = (p: string) => guarded.some((g) => p === g || p.startsWith(`${g}.`) || p.startsWith(`${g}[`));
  return variables.filter((p) => {
    if (optional(p)) return false;
    const parts = p.match(/[^.[\]]+/g) ?? [];
    let v: unknown = data;
    for (const part of parts) {
      if (Array.isArray(v) || v === null) return false;
      if (v === undefined || typeof v !== 'object') return true;
      v = (v as Record<string, unknown>)[part];
    }
    return v === undefined && lookup(data, p) === undefined;
  });
}
