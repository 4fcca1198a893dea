// Designer load bench: builds the designer, serves it with a stub API, opens a 1,000-node flow and a 10-node
// baseline in headless Debian Chromium, and reports load-to-interactive, pan/zoom frame times and JS size.
// Run: node bench/designer-load/designer-load.bench.ts   (last line: load_ms=<x>)
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startStubServer } from './stub-server.ts';

const here = dirname(fileURLToPath(import.meta.url));
const designer = resolve(here, '../../designer');
const dist = join(designer, 'dist');
// playwright-core and vite are the designer's devDependencies; resolve them from there.
const requireFromDesigner = createRequire(join(designer, 'package.json'));
const load = async <T>(name: string): Promise<T> =>
  (await import(pathToFileURL(requireFromDesigner.resolve(name)).href)) as T;

const TARGETS = { loadMs: 1500, frameP95: 33, jsKb: 600 };
const BIG = 1000;
const SMALL = 10;

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! : NaN;
}

async function build(): Promise<void> {
  if (process.env.SKIP_BUILD && existsSync(join(dist, 'index.html'))) return;
  const vite = await load<{ build: (o: Record<string, unknown>) => Promise<unknown> }>('vite');
  await vite.build({ root: designer, logLevel: 'warn', configFile: join(designer, 'vite.config.ts') });
}

// Minimal shapes of what we use from vite and playwright-core: the root typecheck has neither installed
// and no DOM lib, so the page-side callbacks below reach browser globals through `globalThis`.
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Page {
  on(event: 'request', fn: (r: { url(): string }) => void): void;
  goto(url: string, opts?: { waitUntil?: 'commit' | 'load' }): Promise<unknown>;
  waitForSelector(sel: string, opts?: { timeout?: number }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  locator(sel: string): {
    first(): { dispatchEvent(type: string): Promise<void> };
    boundingBox(): Promise<Box | null>;
    count(): Promise<number>;
  };
  getByRole(role: string, o: { name: string }): { click(): Promise<void> };
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  mouse: {
    move(x: number, y: number, o?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
    wheel(dx: number, dy: number): Promise<void>;
  };
}
interface Browser {
  newContext(o: {
    viewport: { width: number; height: number };
  }): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>;
  close(): Promise<void>;
}
interface Chromium {
  launch(o: { executablePath: string; args: string[] }): Promise<Browser>;
}
type Raf = (cb: (t: number) => void) => number;
type PageGlobals = { requestAnimationFrame: Raf; performance: { now(): number }; __frames: number[]; __stop: boolean };

/** Navigation start → nodes painted and a click on a node selects it (the UI answers input). */
async function openFlow(page: Page, base: string, flowId: string, jsSeen: Set<string>): Promise<number> {
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js')) jsSeen.add(u.pathname);
  });
  await page.goto(`${base}/#/flows/${flowId}`, { waitUntil: 'commit' });
  await page.waitForSelector('.react-flow__node .lf-node', { timeout: 30_000 });
  // At fit-to-view zoom a 1,000-node flow's nodes are tiny and edges overlap them, so the click is dispatched
  // on the node element itself: it still goes through React Flow's handlers and a React re-render.
  await page.locator('.react-flow__node').first().dispatchEvent('click');
  await page.waitForSelector('.react-flow__node.selected', { timeout: 10_000 });
  return page.evaluate(() => {
    const w = globalThis as unknown as { requestAnimationFrame: Raf; performance: { now(): number } };
    return new Promise<number>((r) =>
      w.requestAnimationFrame(() => w.requestAnimationFrame(() => r(w.performance.now()))),
    );
  });
}

/** rAF deltas while dragging the pane and wheel-zooming. */
async function panZoomFrames(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__frames = [];
    w.__stop = false;
    let last = w.performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (!w.__stop) w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let round = 0; round < 3; round++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 30; i++) await page.mouse.move(cx + Math.sin(i / 5) * 200, cy + i * 4, { steps: 1 });
    await page.mouse.up();
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, round % 2 ? 120 : -120);
      await page.waitForTimeout(16);
    }
  }
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__stop = true;
    return w.__frames.slice(2);
  });
}

function gzipKb(paths: Iterable<string>): number {
  let total = 0;
  for (const p of paths) total += gzipSync(readFileSync(join(dist, p))).length;
  return total / 1024;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  await build();
  console.log(`build_s=${((performance.now() - t0) / 1000).toFixed(1)}`);
  // playwright-core is CommonJS: its exports arrive on `default` when imported by path.
  const pw = await load<{ chromium?: Chromium; default?: { chromium: Chromium } }>('playwright-core');
  const chromium = pw.chromium ?? pw.default!.chromium;
  const { server, url } = await startStubServer(dist, { big: BIG, small: SMALL });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
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
  try {
    const results: Record<string, { load: number; p95: number; frames: number; js: Set<string> }> = {};
    // Baseline first, then the big flow, each in a fresh context so nothing is cached between them.
    for (const [id, n] of [
      ['small', SMALL],
      ['big', BIG],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await ctx.newPage();
      const js = new Set<string>();
      const loadMs = await openFlow(page, url, id, js);
      const frames = await panZoomFrames(page);
      results[id] = { load: loadMs, p95: p95(frames), frames: frames.length, js };
      console.log(
        `${id} (${n} nodes): load_ms=${loadMs.toFixed(0)} frame_p95_ms=${p95(frames).toFixed(1)} frame_max_ms=${Math.max(...frames).toFixed(1)} frames=${frames.length}`,
      );
      if (id === 'big') {
        // The worst case: every node on screen at once after "Zoom to fit".
        await page.getByRole('button', { name: 'Zoom to fit' }).click();
        await page.waitForTimeout(1500);
        const overview = await panZoomFrames(page);
        console.log(
          `big overview (${await page.locator('.react-flow__node').count()} nodes in DOM): frame_p95_ms=${p95(overview).toFixed(1)} frame_max_ms=${Math.max(...overview).toFixed(1)}`,
        );
      }
      await ctx.close();
    }
    const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const entry = readFileSync(join(dist, 'index.html'), 'utf8').match(/assets\/[^"]+\.js/g) ?? [];
    const editorJs = gzipKb(results.big!.js);
    console.log(
      `entry_js_gzip_kb=${gzipKb(entry).toFixed(1)} editor_route_js_gzip_kb=${editorJs.toFixed(1)} all_js_gzip_kb=${gzipKb(assets.map((a) => `/assets/${a}`)).toFixed(1)} (${assets.length} chunks)`,
    );
    const big = results.big!;
    const ok = big.load < TARGETS.loadMs && big.p95 < TARGETS.frameP95 && editorJs < TARGETS.jsKb;
    console.log(
      `targets: load<${TARGETS.loadMs}ms p95<${TARGETS.frameP95}ms js<${TARGETS.jsKb}kB -> ${ok ? 'PASS' : 'MISS'}`,
    );
    console.log(`load_ms=${big.load.toFixed(0)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
