// The built designer served by the real API (on the shared test Postgres + Temporal + worker) and a
// Debian Chromium driven by playwright-core, for browser tests against the whole product.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { AppDeps } from '@ledgerflow/api';
import { REPO_ROOT } from '@ledgerflow/devstack';
import { createHarness, type Harness } from './api-harness.ts';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const DESIGNER = path.join(REPO_ROOT, 'designer');
const DIST = path.join(DESIGNER, 'dist');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the designer unless dist/ is newer than every source (the test command has usually just built it). */
export function ensureDesignerBuilt(): string {
  let built = 0;
  try {
    built = statSync(path.join(DIST, 'index.html')).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(
    newestSource(path.join(DESIGNER, 'src')),
    newestSource(path.join(REPO_ROOT, 'packages', 'flow-model', 'src')),
  );
  if (built < sources)
    execFileSync(
      process.execPath,
      [path.join(DESIGNER, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'],
      { cwd: DESIGNER, stdio: 'inherit' },
    );
  return DIST;
}

export interface BrowserStack {
  h: Harness;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserStack(extra: Partial<AppDeps> = {}): Promise<BrowserStack> {
  const designerDist = ensureDesignerBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const h = await createHarness({ designerDist, ...extra });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    h,
    base,
    browser,
    async close() {
      await browser.close();
      await h.close();
    },
  };
}
