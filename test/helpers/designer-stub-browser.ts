// The designer's browser tests against the bench's stub API (no Postgres, no Temporal): the built app,
// Debian Chromium through playwright-core, and axe-core for accessibility checks.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStubServer, type StubOptions } from '../../bench/designer-load/stub-server.ts';

const designer = resolve(fileURLToPath(import.meta.url), '../../../designer');
const dist = join(designer, 'dist');
const req = createRequire(join(designer, 'package.json'));
/** playwright-core, axe-core and vite are the designer's devDependencies, not the root's. */
const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(req.resolve(name)).href)) as T;

// Minimal typings of what the tests use.
export interface Locator {
  first(): Locator;
  getByRole(role: string, o?: { name?: string | RegExp; exact?: boolean }): Locator;
  getByLabel(l: string | RegExp): Locator;
  click(o?: { force?: boolean }): Promise<void>;
  fill(v: string): Promise<void>;
  textContent(): Promise<string | null>;
  count(): Promise<number>;
  isDisabled(): Promise<boolean>;
  setInputFiles(f: { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
  dispatchEvent(t: string): Promise<void>;
  dragTo(target: Locator, o?: { targetPosition?: { x: number; y: number } }): Promise<void>;
  selectOption(v: string): Promise<unknown>;
  waitFor(o?: { state?: string; timeout?: number }): Promise<void>;
}
export interface Page {
  goto(u: string): Promise<unknown>;
  locator(s: string): Locator;
  getByRole(role: string, o?: { name?: string | RegExp; exact?: boolean }): Locator;
  getByLabel(l: string | RegExp): Locator;
  getByText(t: string | RegExp): Locator;
  evaluate<T, A = undefined>(fn: (a: A) => T | Promise<T>, arg?: A): Promise<T>;
  addScriptTag(o: { content: string }): Promise<unknown>;
  waitForSelector(s: string, o?: { timeout?: number }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  on(e: 'pageerror', fn: (e: Error) => void): void;
  on(e: 'console', fn: (m: { type(): string; text(): string }) => void): void;
  keyboard: { press(k: string): Promise<void>; type(t: string): Promise<void> };
}
export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Browser {
  newContext(o: object): Promise<BrowserContext>;
  close(): Promise<void>;
}

export const hasChromium = existsSync('/usr/bin/chromium');

export interface StubBrowser {
  browser: Browser;
  stub: Awaited<ReturnType<typeof startStubServer>>;
  /** Serious and critical axe-core violations on the page, as "rule (count)". */
  axeViolations(page: Page, exclude?: string[]): Promise<string[]>;
  close(): Promise<void>;
}

/** Builds designer/dist if missing, serves it with the stub API holding `flows` (id → node count or definition), launches Chromium. */
export async function startStubBrowser(
  flows: Record<string, number | Record<string, unknown>>,
  opts: Omit<StubOptions, 'requireLogin'> = {},
): Promise<StubBrowser> {
  if (!existsSync(join(dist, 'index.html'))) {
    const vite = await load<{ build: (o: object) => Promise<unknown> }>('vite');
    await vite.build({ root: designer, logLevel: 'warn', configFile: join(designer, 'vite.config.ts') });
  }
  const stub = await startStubServer(dist, flows, { ...opts, requireLogin: true });
  const pw = await load<{
    chromium?: { launch: (o: object) => Promise<Browser> };
    default?: { chromium: { launch: (o: object) => Promise<Browser> } };
  }>('playwright-core');
  const browser = await (pw.chromium ?? pw.default!.chromium).launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const axe = await load<{ source?: string; default?: { source: string } }>('axe-core');
  const axeSource = axe.source ?? axe.default!.source;
  return {
    browser,
    stub,
    async axeViolations(page, exclude = []) {
      await page.addScriptTag({ content: axeSource });
      return page.evaluate(async (ex: string[]) => {
        const a = (
          globalThis as unknown as {
            axe: {
              run: (
                c: object,
                o: object,
              ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          }
        ).axe;
        const r = await a.run({ exclude: ex.map((s) => [s]) }, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.nodes.length})`);
      }, exclude);
    },
    async close() {
      await browser.close();
      stub.server.close();
    },
  };
}
