// Replays committed histories through today's workflow code: a change that breaks determinism fails here.
// Regenerate after an intended, versioned change with: RECORD_HISTORIES=1 npx vitest run --project integration packages/engine
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { workflowBundle } from '@ledgerflow/worker';
import { HISTORIES_DIR } from './engine-harness.ts';

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('determinism: recorded histories replay cleanly', () => {
  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file.replace(/\.json$/, ''));
  });
});
