// A missing or unreachable Postgres or Temporal at start gives one clear line, not a stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'packages/devstack/src/start.ts')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LEDGERFLOW_DATA_DIR: path.join(root, 'test-artifacts', 'startup-data'), PORT: '39999', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('start command: clear one-line errors', () => {
  it('names Postgres and how to fix it when DATABASE_URL is unreachable', async () => {
    const r = await start({ DATABASE_URL: 'postgres://ledgerflow:secret@127.0.0.1:1/ledgerflow', TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[ledgerflow\] postgres: cannot connect to PostgreSQL at postgres:\/\/ledgerflow:\*\*\*@127\.0\.0\.1:1\/ledgerflow.*Fix: unset DATABASE_URL/);
    expect(r.stderr).not.toContain('secret');
  });

  it('names Temporal and how to fix it when TEMPORAL_ADDRESS is unreachable', async () => {
    const r = await start({ DATABASE_URL: inject('stack').DATABASE_URL, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[ledgerflow\] temporal: cannot reach Temporal at 127\.0\.0\.1:1.*Fix: unset TEMPORAL_ADDRESS/);
  });

  it('rejects a malformed environment by naming the variable', async () => {
    const r = await start({ PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^\[ledgerflow\] environment: invalid environment: PORT .*Fix: correct or unset the named variables\.$/);
  });
});
