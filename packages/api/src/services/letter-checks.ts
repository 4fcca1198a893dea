// Publish-time check of the letters a flow's email actions send: a variable the letter needs that the action's data
// cannot provide is refused at publish, not discovered as "undefined variable: task.url" at run time.
import { invokeAction, type LetterTemplateSource } from '@ledgerflow/connector-sdk';
import { isFixedInput, parseExpressionAst, type FlowDefinition, type Problem } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';

const LETTER_ACTIONS = new Set(['send', 'render']);
const LANGUAGES = ['fr', 'en'];

type Node = { id: string; kind: string; label?: string; config?: Record<string, unknown> };

/** A literal string input: a fixed value, or a formula that is only a quoted string. */
function literal(input: unknown): string | undefined {
  if (isFixedInput(input as never)) {
    const v = (input as { value: unknown }).value;
    return typeof v === 'string' ? v : undefined;
  }
  if (typeof input !== 'string') return undefined;
  const ast = parseExpressionAst(input) as { type?: string; value?: unknown } | null;
  return ast?.type === 'string' && typeof ast.value === 'string' ? ast.value : undefined;
}

/**
 * The top-level names the action's `data` gives the letter, when they can be known before a run: a fixed object, or
 * a formula that is an object constructor (`{"customer": record.customer, ...}`). Any other formula (`record`) gives
 * names only at run time: that action is not checked.
 */
export function dataKeys(input: unknown): string[] | null {
  if (input === undefined) return [];
  if (isFixedInput(input as never)) {
    const v = (input as { value: unknown }).value;
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : null;
  }
  if (typeof input !== 'string') return null;
  const ast = parseExpressionAst(input) as { type?: string; value?: string; lhs?: unknown } | null;
  if (ast?.type !== 'unary' || ast.value !== '{' || !Array.isArray(ast.lhs)) return null;
  const keys: string[] = [];
  for (const pair of ast.lhs as Array<[{ type?: string; value?: unknown }, unknown]>) {
    if (pair[0]?.type !== 'string' || typeof pair[0].value !== 'string') return null;
    keys.push(pair[0].value);
  }
  return keys;
}

/**
 * One LETTER_VARIABLE_UNAVAILABLE problem per email action and variable its letter needs (not inside an
 * `{% if %}` on it) whose top-level name the action's data does not provide, in any language the letter has.
 */
export async function letterProblems(
  deps: AppDeps,
  def: FlowDefinition,
  templates: LetterTemplateSource,
): Promise<Problem[]> {
  const email = deps.registry.get('email');
  if (!email) return [];
  const problems: Problem[] = [];
  const nodes = (def.nodes ?? []) as unknown as Node[];
  for (const [index, n] of nodes.entries()) {
    const cfg = n.config ?? {};
    if (n.kind !== 'action' || cfg.connector !== 'email' || !LETTER_ACTIONS.has(String(cfg.action))) continue;
    const inputs = (cfg.inputs ?? {}) as Record<string, unknown>;
    const template = literal(inputs.template);
    const keys = dataKeys(inputs.data);
    if (!template || !keys) continue;
    const tone = inputs.tone === undefined ? undefined : literal(inputs.tone);
    const fixedLanguage = literal(inputs.language);
    const seen = new Set<string>();
    for (const language of fixedLanguage ? [fixedLanguage] : LANGUAGES) {
      const out = (await invokeAction(
        email,
        'render',
        { template, language, ...(tone ? { tone } : {}), data: {}, lenient: true },
        { idempotencyKey: 'publish-check', templates },
      ).catch(() => null)) as { missing?: string[] } | null;
      for (const path of out?.missing ?? []) {
        const root = path.split(/[.[]/)[0]!;
        if (keys.includes(root) || seen.has(path)) continue;
        seen.add(path);
        problems.push({
          path: `/nodes/${index}/config/inputs/data`,
          nodeId: n.id,
          code: 'LETTER_VARIABLE_UNAVAILABLE',
          message: `${n.label ?? n.id}: the letter '${template}' uses ${path}, which this email's data does not provide`,
        });
      }
    }
  }
  return problems;
}
