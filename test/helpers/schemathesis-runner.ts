// Runs the schemathesis CLI (installed into .tools/venv-st by scripts/bootstrap.sh) against a listening API,
// and counts on the server side what it sent and what came back.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { REPO_ROOT } from '@ledgerflow/devstack';

export function schemathesisBin(): string {
  const candidates = [process.env.SCHEMATHESIS_BIN, path.join(REPO_ROOT, '.tools/venv-st/bin/schemathesis')].filter(
    (c): c is string => !!c,
  );
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`schemathesis not found (tried ${candidates.join(', ')}): run \`source scripts/bootstrap.sh\``);
  return found;
}

export interface ServerTally {
  requests: number;
  byStatus: Record<number, number>;
  /** Every 5xx answer, method and url, to name in the failure message. */
  errors: string[];
}

/** Counts every answer the raw HTTP server sends, whatever route (or none) handled it. */
export function tallyResponses(server: Server): ServerTally {
  const tally: ServerTally = { requests: 0, byStatus: {}, errors: [] };
  server.on('request', (req, res) => {
    res.on('finish', () => {
      tally.requests++;
      tally.byStatus[res.statusCode] = (tally.byStatus[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500) tally.errors.push(`${res.statusCode} ${req.method} ${req.url}`);
    });
  });
  return tally;
}

export interface StRun {
  label: string;
  exitCode: number;
  output: string;
  /** Failures schemathesis found, by check name (not_a_server_error, response_schema_conformance, ...). */
  failures: Record<string, number>;
  /** Operations whose tests ended in an error rather than a check failure, by the error's title line. */
  errors: Record<string, number>;
}

export async function runSchemathesis(opts: {
  label: string;
  schemaUrl: string;
  session: string;
  csrf: string;
  reportDir: string;
  args: string[];
}): Promise<StRun> {
  const junit = path.join(opts.reportDir, `${opts.label}.junit.xml`);
  const argv = [
    '--config-file',
    path.join(REPO_ROOT, 'test/schemathesis.toml'),
    'run',
    opts.schemaUrl,
    '--checks',
    'all',
    '--report',
    'junit',
    '--report-junit-path',
    junit,
    '--no-color',
    ...opts.args,
  ];
  const output: string[] = [];
  // Asynchronous on purpose: the API under test runs in this same process and must keep answering.
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(schemathesisBin(), argv, {
      env: {
        ...process.env,
        NO_COLOR: '1',
        SCHEMATHESIS_TELEMETRY: 'false',
        ST_SESSION: opts.session,
        ST_CSRF: opts.csrf,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const xml = existsSync(junit) ? await readFile(junit, 'utf8') : '';
  const failures: Record<string, number> = {};
  // Each failed operation is a <testcase name="GET /api/x"><failure message="ST101, ST201">: codes per operation.
  for (const m of xml.matchAll(/<testcase name="([^"]*)"[^>]*>\s*<failure[^>]*message="([^"]*)"/g)) {
    for (const code of (m[2] ?? '').split(/,\s*/)) failures[`${code} ${m[1]}`] = (failures[`${code} ${m[1]}`] ?? 0) + 1;
  }
  const errors: Record<string, number> = {};
  for (const m of xml.matchAll(/<error[^>]*>([^\n<]*)/g))
    errors[(m[1] ?? '').trim() || 'unknown'] = (errors[(m[1] ?? '').trim() || 'unknown'] ?? 0) + 1;
  return { label: opts.label, exitCode, output: output.join(''), failures, errors };
}
