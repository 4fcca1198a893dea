/** An outcome added in an editor: a stable id, and a label in the user's language ("Issue 2") they can retype. */
export function newOutcome(n: number, word: string): { name: string; label: string } {
  return { name: `outcome_${n}`, label: `${word} ${n}` };
}
