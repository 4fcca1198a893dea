// One owner per vocabulary: a list or union of three or more members of a status/kind vocabulary anywhere
// but vocabulary.ts is a copy that will drift. Import the constant or its type instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, OUTBOX_STATUSES, RUN_STATUSES, TASK_STATUSES, WAITING_KINDS } from './vocabulary.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SCAN = ['packages', 'connectors', 'designer/src'];
const OWNER = 'packages/flow-model/src/vocabulary/vocabulary.ts';
const VOCABULARIES: Record<string, readonly string[]> = {
  RUN_STATUSES,
  TASK_STATUSES,
  OUTBOX_STATUSES,
  WAITING_KINDS,
  // Two members only: 'open'/'closed' are plain words, so only a literal pair is a copy.
  CASE_STATUSES,
};
/** Files that legitimately spell members out: migrations are history, and SQL checks a column. */
const ALLOWED = [/\/migrations\//, /\.test\.tsx?$/, /openapi\.gen\.ts$/];

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}

/** Array literals and string-literal unions, as the member sets they spell. */
export function spelledLists(text: string): string[][] {
  const lists: string[][] = [];
  for (const m of text.matchAll(/\[([^[\]]{0,400})\]/g))
    lists.push([...m[1]!.matchAll(/'([a-zA-Z_.]+)'/g)].map((x) => x[1]!));
  for (const m of text.matchAll(/(?:'[a-zA-Z_.]+'\s*\|\s*){1,}'[a-zA-Z_.]+'/g))
    lists.push([...m[0].matchAll(/'([a-zA-Z_.]+)'/g)].map((x) => x[1]!));
  return lists;
}

export function copiesIn(text: string): string[] {
  const found: string[] = [];
  for (const list of spelledLists(text)) {
    for (const [name, vocab] of Object.entries(VOCABULARIES)) {
      const hits = list.filter((x) => vocab.includes(x));
      const needed = Math.min(3, vocab.length);
      if (new Set(hits).size >= needed && hits.length === list.length) found.push(`${name}: [${list.join(', ')}]`);
    }
  }
  return found;
}

describe('status and kind vocabularies have one owner', () => {
  it('finds no copy of a vocabulary outside vocabulary.ts', () => {
    const offenders: string[] = [];
    for (const top of SCAN) {
      for (const file of sources(path.join(ROOT, top))) {
        const rel = path.relative(ROOT, file);
        if (rel === OWNER || ALLOWED.some((r) => r.test(rel))) continue;
        for (const c of copiesIn(readFileSync(file, 'utf8'))) offenders.push(`${rel} — ${c}`);
      }
    }
    expect(offenders, 'import the list from @ledgerflow/flow-model (or /vocabulary in workflow code)').toEqual([]);
  });

  it('recognises the copies it is meant to catch', () => {
    expect(copiesIn("const WAITING = new Set(['wait', 'waitForEvent', 'humanTask']);")).toHaveLength(1);
    expect(copiesIn("type S = 'running' | 'completed' | 'failed';")).toHaveLength(1);
    expect(copiesIn("const X = ['open', 'closed'] as const;")).toHaveLength(1);
    expect(copiesIn("const Y = ['open', 'claimed', 'rejected'];")).toHaveLength(1);
    // Not a vocabulary: other words mixed in, or too few members.
    expect(copiesIn("const Z = ['open', 'edit', 'close'];")).toEqual([]);
    expect(copiesIn("const W = ['failed', 'passed', 'skipped'];")).toEqual([]);
  });
});
