// The tasks row has one writer: the engine's task activities (and the engine's repair pass), through the
// tasks store's writer. A test fails when any other module writes tasks or imports the writer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SKIP = new Set([
  'node_modules',
  'dist',
  '.git',
  'migrations',
  'test',
  'bench',
  '.tools',
  '.data',
  'test-artifacts',
]);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}

describe('one writer of the tasks row', () => {
  const files = [...sources(path.join(root, 'packages')), ...sources(path.join(root, 'connectors'))];

  it('writes tasks and task_history only in the tasks store (and attachments notes in the files store)', () => {
    const writers = files.filter((f) =>
      /\b(update\s+tasks\b|insert\s+into\s+tasks\b|insert\s+into\s+task_history\b)/i.test(
        readFileSync(path.join(root, f), 'utf8'),
      ),
    );
    expect(writers.sort()).toEqual([
      'packages/db/src/stores/task-files.store.ts',
      'packages/db/src/stores/tasks.store.ts',
    ]);
    expect(readFileSync(path.join(root, 'packages/db/src/stores/task-files.store.ts'), 'utf8')).not.toMatch(
      /update\s+tasks\b|insert\s+into\s+tasks\b/i,
    );
  });

  it('lets only the engine activities use the writer', () => {
    const users = files.filter((f) => /\bcreateTaskWriter\b/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(
      users.filter(
        (f) =>
          !f.startsWith('packages/engine/src/activities/') &&
          f !== 'packages/db/src/stores/tasks.store.ts' &&
          f !== 'packages/db/src/index.ts',
      ),
    ).toEqual([]);
    expect(users).toContain('packages/engine/src/activities/tasks.activity.ts');
  });
});
