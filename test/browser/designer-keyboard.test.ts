// Connecting and disconnecting nodes with the keyboard only (WCAG 2.1.1), in Debian Chromium, against the
// built designer and the bench's stub API, like designer.test.ts. No mouse event reaches the page:
// focus moves with Tab, nodes and edges are selected with Enter, the connect dialog opens with C.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  startStubBrowser,
  type Browser,
  type BrowserContext as Ctx,
  type Page,
  type StubBrowser,
} from '../helpers/designer-stub-browser.ts';

type Edge = { id: string; source: string; target: string; sourceHandle?: string };
let sb: StubBrowser;
let browser: Browser;
let stub: StubBrowser['stub'];

async function openEditor(flow: string): Promise<{ page: Page; ctx: Ctx; errors: Error[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${stub.url}/#/flows/${flow}`);
  await page.getByLabel('Username').fill('bench');
  await page.getByLabel('Password').fill('bench');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.lf-node');
  await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 10_000 });
  return { page, ctx, errors };
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`: the way a keyboard user gets there. */
async function tabTo(page: Page, selector: string, back = false, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s: string) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} was not reached with ${back ? 'Shift+Tab' : 'Tab'}`);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName ?? '',
      id: el?.closest('[data-id]')?.getAttribute('data-id') ?? null,
      inCanvas: !!el?.closest('#flow-canvas'),
      label: el?.getAttribute('aria-label') ?? '',
    };
  });
const savedEdges = (flow: string) => (stub.records.get(flow)!.draft as { edges: Edge[] }).edges;
const edge = (source: string, handle: string, target: string) => (e: Edge) =>
  e.source === source && e.target === target && (e.sourceHandle ?? 'next') === handle;

const axeViolations = (page: Page, exclude: string[]) => sb.axeViolations(page, exclude);

describe.skipIf(!hasChromium)('designer, keyboard only', () => {
  beforeAll(async () => {
    // One flow per test, since autosave persists drafts in the stub.
    sb = await startStubBrowser({ kbd: 10, kbdtool: 10 });
    ({ browser, stub } = sb);
  }, 120_000);
  afterAll(async () => sb?.close());

  it('removes and re-draws an edge through the connect dialog, then deletes a selected edge on the canvas', async () => {
    const { page, ctx, errors } = await openEditor('kbd');
    const problem = page.getByText("Outcome 'small' of 'n4' has no outgoing edge");

    // Show the problem list, then come back to decision n4 on the canvas and select it.
    await tabTo(page, '#tab-problems');
    await page.keyboard.press('Enter');
    await page.getByText('No problems').waitFor();
    await tabTo(page, '.react-flow__node[data-id="n4"]', true);
    await page.keyboard.press('Enter');
    await page.locator('.react-flow__node.selected[data-id="n4"]').waitFor();
    expect(await page.getByRole('button', { name: 'Connect…' }).isDisabled()).toBe(false);

    // C opens the dialog on the selected node, with focus in it and the node's outgoing edges listed.
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Connect “Check 4”' });
    await dialog.waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', inCanvas: false });
    expect(await page.locator('[role="dialog"] li').count()).toBe(2);
    expect(await axeViolations(page, ['.react-flow__renderer'])).toEqual([]);

    // Remove the "small" edge from the list: the validator reports the unwired outcome, as after a mouse delete.
    await tabTo(page, '[role="dialog"] button[aria-label="Remove edge small → Done"]');
    await page.keyboard.press('Enter');
    await page.getByText('Removed edge small → Done.').waitFor();
    expect(await page.locator('[role="dialog"] li').count()).toBe(1);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'BUTTON', label: 'Remove edge large → Log 5' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ id: 'n4', inCanvas: true });
    await page.getByRole('tab', { name: /Problems \(1\)/ }).waitFor({ timeout: 10_000 });
    await problem.waitFor();
    await expect.poll(() => savedEdges('kbd').some(edge('n4', 'small', 'n9')), { timeout: 10_000 }).toBe(false);

    // Connect again: the unwired "small" output is proposed, typing narrows the targets, Enter connects.
    await page.keyboard.press('c');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.querySelector<HTMLSelectElement>('[role="dialog"] select')?.value)).toBe(
      'small',
    );
    await page.keyboard.type('done');
    expect(
      await page.evaluate(() => document.querySelector<HTMLSelectElement>('[role="dialog"] select[size]')?.value),
    ).toBe('n9');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ id: 'n4', inCanvas: true });
    await page.getByText('Connected small → Done.').waitFor();
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 10_000 });
    expect(await problem.count()).toBe(0);
    await expect.poll(() => savedEdges('kbd').filter(edge('n4', 'small', 'n9')).length, { timeout: 10_000 }).toBe(1);

    // An edge on the canvas is reached with Tab, selected with Enter and deleted with Delete; Ctrl+Z brings it back.
    await tabTo(page, '.react-flow__edge[data-id="e-n4-small-n9"]');
    await page.keyboard.press('Enter');
    await page.locator('.react-flow__edge.selected[data-id="e-n4-small-n9"]').waitFor();
    await page.keyboard.press('Delete');
    await page.locator('.react-flow__edge[data-id="e-n4-small-n9"]').waitFor({ state: 'detached' });
    // Focus stays on the canvas, so the next shortcut still works.
    await expect.poll(() => focused(page)).toMatchObject({ inCanvas: true });
    await problem.waitFor({ timeout: 10_000 });
    expect(await page.locator('.react-flow__node[data-id="n4"]').count()).toBe(1);
    await expect.poll(() => savedEdges('kbd').some(edge('n4', 'small', 'n9')), { timeout: 10_000 }).toBe(false);
    await page.keyboard.press('Control+z');
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 10_000 });
    await expect.poll(() => savedEdges('kbd').some(edge('n4', 'small', 'n9')), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('opens from the toolbar, wraps Tab inside the dialog, says when nothing is selected, and speaks French', async () => {
    const { page, ctx, errors } = await openEditor('kbdtool');
    const connectButton = page.getByRole('button', { name: 'Connect…' });
    expect(await connectButton.isDisabled()).toBe(true);
    // C with nothing selected and no node focused explains what to do instead of opening anything.
    await tabTo(page, '#flow-canvas');
    await page.keyboard.press('c');
    await page.getByText('Select one node, then press C to connect it.').waitFor();
    expect(await page.locator('[role="dialog"]').count()).toBe(0);

    // Select the action n1, go back to the toolbar button and press it.
    await tabTo(page, '.react-flow__node[data-id="n1"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '.toolbar button[aria-keyshortcuts="C"]', true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Connect “Log 1”' });
    await dialog.waitFor();
    // An action offers next and error; next is wired, so error is proposed.
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll<HTMLOptionElement>('[role="dialog"] select:not([size]) option')].map(
          (o) => o.value,
        ),
      ),
    ).toEqual(['next', 'error']);
    expect(await page.evaluate(() => document.querySelector<HTMLSelectElement>('[role="dialog"] select')?.value)).toBe(
      'error',
    );
    // Triggers and the node itself are never targets.
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLOptionElement>('[role="dialog"] select[size] option')].map((o) => o.value),
    );
    expect(targets).not.toContain('n0');
    expect(targets).not.toContain('n1');
    expect(targets).toHaveLength(8);

    // Tab never leaves the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Opened from the toolbar, focus returns to the toolbar button; nothing changed.
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', inCanvas: false });
    expect(await page.getByRole('tab', { name: /Problems \(0\)/ }).count()).toBe(1);

    await tabTo(page, 'select[aria-label="Language"]', true);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'Relier…' }).waitFor();
    await tabTo(page, '.react-flow__node[data-id="n1"]');
    await page.keyboard.press('c');
    await page.getByRole('dialog', { name: 'Relier « Log 1 »' }).waitFor();
    await page.getByText('Entrée relie, Échap annule.').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
    expect(savedEdges('kbdtool')).toHaveLength(13);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
