// A missing or unreachable Postgres or Temporal at start gives one clear line, not a stack trace.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '@ledgerflow/devstack';
import { describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** A port something else holds, as when a Postgres from an earlier start is still running there. */
async function occupy(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'packages/devstack/src/start.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LEDGERFLOW_DATA_DIR: path.join(root, 'test-artifacts', 'startup-data'),
        PORT: '39999',
        ...env,
      },
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
    const r = await start({
      DATABASE_URL: 'postgres://ledgerflow:secret@127.0.0.1:1/ledgerflow',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[ledgerflow\] postgres: cannot connect to PostgreSQL at postgres:\/\/ledgerflow:\*\*\*@127\.0\.0\.1:1\/ledgerflow.*Fix: unset DATABASE_URL/,
    );
    expect(r.stderr).not.toContain('secret');
  });

  it('names Temporal and how to fix it when TEMPORAL_ADDRESS is unreachable', async () => {
    const r = await start({ DATABASE_URL: inject('stack').DATABASE_URL, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[ledgerflow\] temporal: cannot reach Temporal at 127\.0\.0\.1:1.*Fix: unset TEMPORAL_ADDRESS/,
    );
  });

  it('rejects a malformed environment by naming the variable', async () => {
    const r = await start({ PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^\[ledgerflow\] environment: invalid environment: PORT .*Fix: correct or unset the named variables\.$/,
    );
  });

  it('names the Postgres port in use and how to free it', async () => {
    const held = await occupy();
    try {
      const r = await start({ PG_PORT: String(held.port) });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^\\[ledgerflow\\] postgres: port ${held.port} is already in use\\. Fix: stop the program listening on port ${held.port}.*set PG_PORT to a free port`,
        ),
      );
    } finally {
      await held.close();
    }
  });

  it('gives the reason Postgres logged when it exits during start, not a TypeError', async () => {
    const dataDir = await mkdtemp(path.join(root, 'test-artifacts', 'startup-corrupt-'));
    await mkdir(path.join(dataDir, 'pg'), { recursive: true });
    await writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '7.4\n');
    const port = await freePort();
    try {
      const r = await start({ LEDGERFLOW_DATA_DIR: dataDir, PG_PORT: String(port) });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^\\[ledgerflow\\] postgres: embedded PostgreSQL failed to start on port ${port}: \\S.*Fix: .*remove ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`,
        ),
      );
      expect(lines[0]).not.toMatch(/undefined|Cannot read properties/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('stops Postgres and Temporal when a later part of the start fails', async () => {
    const held = await occupy();
    const [pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const dataDir = await mkdtemp(path.join(root, 'test-artifacts', 'startup-sink-'));
    try {
      const r = await start({
        LEDGERFLOW_DATA_DIR: dataDir,
        PG_PORT: String(pgPort),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
        SMTP_SINK_PORT: String(held.port),
        LOG_LEVEL: 'error',
      });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(
        new RegExp(`^\\[ledgerflow\\] mail sink: port ${held.port} is already in use\\. Fix: .*SMTP_SINK_PORT`),
      );
      // Neither child server may outlive the start command.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await listening(pgPort)).toBe(false);
      expect(await listening(temporalPort)).toBe(false);
    } finally {
      await held.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
