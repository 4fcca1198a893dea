import type { VariableInfo } from '../rules/rule-builder.model.ts';

/** The (possibly dotted) identifier being typed at the caret, for autocomplete. */
export function currentWord(text: string, caret: number): { start: number; word: string } {
  const m = /[A-Za-z_][A-Za-z0-9_.]*$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[0].length, word: m[0] } : { start: caret, word: '' };
}

/** Variables whose name starts with the typed word, case-insensitively; an exact match needs no suggestion. */
export function suggestVariables(variables: readonly VariableInfo[], word: string, max = 8): VariableInfo[] {
  if (!word) return [];
  const w = word.toLowerCase();
  return variables.filter((v) => v.name.toLowerCase().startsWith(w) && v.name !== word).slice(0, max);
}

export function insertSuggestion(text: string, start: number, caret: number, name: string): string {
  return text.slice(0, start) + name + text.slice(caret);
}
