// Browser tests of the designer: the built app against the bench's stub API, in Debian Chromium.
// Run: npx vitest run --config designer/vitest.browser.config.ts   (builds designer/dist if missing)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  startStubBrowser,
  type Browser,
  type BrowserContext as Ctx,
  type Page,
  type StubBrowser,
} from '../helpers/designer-stub-browser.ts';

let sb: StubBrowser;
let browser: Browser;
let stub: StubBrowser['stub'];
const axeViolations = (page: Page, exclude: string[] = []) => sb.axeViolations(page, exclude);

async function openPage(path: string): Promise<{ page: Page; ctx: Ctx; errors: Error[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${stub.url}/${path}`);
  return { page, ctx, errors };
}

describe.skipIf(!hasChromium)('designer in the browser', () => {
  beforeAll(async () => {
    // One flow per test that edits, since autosave persists drafts in the stub between tests.
    sb = await startStubBrowser({ small: 10, imp: 10, pub: 10, run: 10, edit: 10, out: 5, big: 1000 });
    ({ browser, stub } = sb);
  }, 120_000);
  afterAll(async () => sb?.close());

  async function login(page: Page): Promise<void> {
    await page.getByLabel('Username').fill('bench');
    await page.getByLabel('Password').fill('bench');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('shows an accessible login page and reports a wrong password', async () => {
    const { page, ctx } = await openPage('#/flows');
    await page.getByRole('heading', { name: 'Sign in to Ledgerflow' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Username').fill('bench');
    await page.getByLabel('Password').fill('nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Wrong username or password');
    await ctx.close();
  });

  it('logs in, lists flows and switches to French', async () => {
    const { page, ctx } = await openPage('#/flows');
    await login(page);
    await page.getByRole('link', { name: 'Generated 10-node flow' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Exécutions' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await ctx.close();
  });

  it('opens a flow, validates it, selects a node from a problem, and passes axe on the editor', async () => {
    const { page, ctx, errors } = await openPage('#/flows/small');
    await login(page);
    await page.waitForSelector('.lf-node');
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(false);
    // Break the flow: delete the end node, then the problem list names the node that lost its edge.
    await page.locator('.react-flow__node[data-id="n9"]').dispatchEvent('click');
    await page.getByRole('button', { name: 'Delete selection' }).click();
    await page.getByRole('tab', { name: /Problems \([1-9]/ }).click();
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await page.locator('.problems button').first().click();
    expect(await page.locator('.react-flow__node.selected').count()).toBe(1);
    expect(await axeViolations(page, ['.react-flow__renderer'])).toEqual([]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('refuses hostile imports and keeps the flow unchanged; markup stays text', async () => {
    const { page, ctx } = await openPage('#/flows/imp');
    await login(page);
    await page.waitForSelector('.lf-node');
    const nodesBefore = await page.locator('.react-flow__node').count();
    const file = page.locator('.toolbar input[type=file]');
    const huge = {
      schemaVersion: 1,
      name: 'x',
      variables: [],
      edges: [],
      nodes: Array.from({ length: 100_000 }, (_, i) => ({ id: `n${i}`, kind: 'end', config: { status: 'completed' } })),
    };
    await file.setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(huge)),
    });
    await page.getByText(/at most 5000 can be imported/).waitFor();
    await file.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"nodes": [1], "edges": "x"}'),
    });
    await page.getByText('Import refused: the current flow is unchanged.').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(nodesBefore);

    const hostile = stub.records.get('imp')!.draft as { nodes: { label?: string }[] };
    const copy = structuredClone(hostile);
    copy.nodes[0]!.label = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await file.setInputFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(copy)),
    });
    await page.getByText('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.lf-node img, .lf-node script').count()).toBe(0);
    await ctx.close();
  });

  it('publishes, shows the version and highlights a diff after an edit', async () => {
    const { page, ctx } = await openPage('#/flows/pub');
    await login(page);
    await page.waitForSelector('.lf-node');
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 10_000 });
    await page.getByLabel('What changed?').fill('first version');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published version 1/).waitFor();
    await page.locator('.react-flow__node[data-id="n1"]').dispatchEvent('click');
    await page.getByRole('tab', { name: 'Properties' }).click();
    await page.getByLabel('Label').first().fill('Renamed log');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Show differences on canvas' }).click();
    await page.locator('.lf-node.deco-changed').waitFor();
    expect(await page.getByText(/1 changed/).count()).toBe(1);
    // A node removed from the draft stays visible as an inert ghost where it stood in the version.
    await page.locator('.react-flow__node[data-id="n1"]').click();
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'Show differences on canvas' }).click();
    await page.locator('.react-flow__node[data-id="n1"] .lf-node.deco-removed').waitFor();
    expect(await page.getByText(/1 removed/).count()).toBe(1);
    await ctx.close();
  });

  it('runs a test and paints the path with node outputs and a Temporal link', async () => {
    const { page, ctx } = await openPage('#/flows/run');
    await login(page);
    await page.waitForSelector('.lf-node');
    await page.getByRole('tab', { name: 'Test run' }).click();
    await page.getByRole('button', { name: 'Start test run' }).click();
    await page.locator('.test-run p strong').waitFor();
    expect(await page.locator('.test-run p strong').textContent()).toBe('running');
    expect(await page.locator('.lf-node.deco-done').count()).toBe(2);
    expect(await page.locator('.lf-node.deco-active').count()).toBe(1);
    expect(await page.locator('.react-flow__edge.taken').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Open in Temporal' }).count()).toBe(1);
    await page.locator('.react-flow__node[data-id="n1"]').dispatchEvent('click');
    // Run data shows as labelled values (value-view), not JSON.
    await page.locator('.value-view dt >> text=logged').waitFor();
    await ctx.close();
  });

  it('edits the graph: palette click and drag, copy/paste and undo/redo from the keyboard', async () => {
    const { page, ctx, errors } = await openPage('#/flows/edit');
    await login(page);
    await page.waitForSelector('.lf-node');
    const count = () => page.locator('.react-flow__node').count();
    expect(await count()).toBe(10);
    await page.getByRole('button', { name: /Wait for event/ }).click();
    expect(await count()).toBe(11);
    await page
      .getByRole('button', { name: /Decision table/ })
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 100, y: 100 } });
    expect(await count()).toBe(12);
    // The new node is selected and its editor shows.
    await page.getByRole('heading', { name: /Decision table/ }).waitFor();
    await page.locator('.react-flow__pane').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    expect(await count()).toBe(24);
    await page.keyboard.press('Control+z');
    expect(await count()).toBe(12);
    await page.keyboard.press('Control+Shift+z');
    expect(await count()).toBe(24);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await count()).toBe(10);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('labels edges, searches the palette, adds a node from an output\'s "+", and connects an output added while editing', async () => {
    const { page, ctx, errors } = await openPage('#/flows/out');
    await login(page);
    await page.waitForSelector('.lf-node');
    const edgeTexts = async () =>
      (
        await page.evaluate(() => [...document.querySelectorAll('.react-flow__edge-text')].map((e) => e.textContent))
      ).sort();
    // n2 is a task: its outcomes label the edges it leaves by.
    expect(await edgeTexts()).toEqual(['approved', 'rejected']);

    await page.getByLabel('Search nodes').fill('wait ev');
    expect(await page.getByRole('button', { name: /Wait for event/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /Decision table/ }).count()).toBe(0);
    await page.getByLabel('Search nodes').fill('');

    // The log action's error output has no edge: its "+" opens the palette, and the chosen node comes connected.
    await page.getByRole('button', { name: 'Add the next node: error' }).click();
    await page.getByRole('dialog').getByLabel('Search nodes').fill('end');
    await page.getByRole('dialog').getByRole('button', { name: /End/ }).first().click();
    expect(await page.locator('.react-flow__node').count()).toBe(6);
    expect(await edgeTexts()).toEqual(['approved', 'error', 'rejected']);

    // A due date gives the task an `expired` output; it can be dragged at once, and the edge is drawn.
    await page.locator('.react-flow__node[data-id="n2"]').click();
    await page.locator('fieldset.wait-editor:has(legend:text-is("Due")) input').fill('3 working days');
    const expired = page.locator('.react-flow__node[data-id="n2"] .react-flow__handle[data-handleid="expired"]');
    await expired.waitFor();
    await expired.dragTo(page.locator('.react-flow__node[data-id="n4"] .react-flow__handle[data-handleid="in"]'));
    await page.waitForSelector('.react-flow__edge-text >> text=expired');
    expect(await edgeTexts()).toEqual(['approved', 'error', 'expired', 'rejected']);

    // Sample data is saved with this flow, and another flow does not show it.
    // It is a form over the flow's input variables; a field no variable declares is typed in its JSON view.
    await page.locator('.react-flow__pane').click();
    const sampleForm = page.getByRole('group', { name: 'Sample data for the previews' });
    await sampleForm.getByRole('button', { name: 'JSON', exact: true }).click();
    await page.locator('#sample-data').fill('{ "creditNote": "CN-7" }');
    // Autosave waits for a pause in typing (1.2 s).
    await expect
      .poll(() => (stub.records.get('out')!.draft.designer as { sampleData?: unknown } | undefined)?.sampleData, {
        timeout: 15_000,
      })
      .toEqual({ creditNote: 'CN-7' });
    await page.goto(`${stub.url}/#/flows/small`);
    await page.waitForSelector('.react-flow__node[data-id="n0"]');
    await sampleForm.getByRole('button', { name: 'JSON', exact: true }).click();
    const shown = await page.evaluate(() => (document.getElementById('sample-data') as HTMLTextAreaElement).value);
    expect(shown).toContain('customerId');
    expect(shown).not.toContain('CN-7');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('opens a 1,000-node flow quickly enough to use', async () => {
    const { page, ctx } = await openPage('#/flows/big');
    await login(page);
    const started = Date.now();
    await page.waitForSelector('.lf-node');
    expect(Date.now() - started).toBeLessThan(5000);
    // Off-screen nodes are culled: only what is visible is in the DOM.
    expect(await page.locator('.react-flow__node').count()).toBeLessThan(200);
    await ctx.close();
  });
});
