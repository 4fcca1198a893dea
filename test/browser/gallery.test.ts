// Every gallery template opens clean in the editor: no raw JSON, no "[object Object]", no rjsf fallback, no variable
// said to be missing, no console error. One browser, one page, the real connector catalog; each node is selected in
// turn so that its editor renders too. Run: npx vitest run --config designer/vitest.browser.config.ts test/browser/gallery.test.ts
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConnectors } from '@ledgerflow/connector-sdk';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { hasChromium, startStubBrowser, type Page, type StubBrowser } from '../helpers/designer-stub-browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The gallery's files, read as the designer bundles them (its JSON imports are the bundler's, not Node's).
const GALLERY = path.join(ROOT, 'designer/src/templates');
const TEMPLATES = readdirSync(GALLERY)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    id: f.slice(0, -'.json'.length),
    definition: JSON.parse(readFileSync(path.join(GALLERY, f), 'utf8')) as FlowDefinition,
  }));

/** What a process owner must never see on an editor page. */
const LEAKS = ['{"', '[object Object]', 'Unsupported field schema', 'is not available here', 'undefined'];

let sb: StubBrowser;
let page: Page;
const errors: string[] = [];

describe.skipIf(!hasChromium)('gallery templates in the editor', () => {
  beforeAll(async () => {
    const registry = await loadConnectors(path.join(ROOT, 'connectors'));
    const flows = Object.fromEntries(
      TEMPLATES.map((t) => [`tpl-${t.id}`, t.definition as unknown as Record<string, unknown>]),
    );
    sb = await startStubBrowser(flows, { catalog: registry.catalog() });
    const ctx = await sb.browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await ctx.newPage();
    await page.goto(`${sb.stub.url}/#/flows`);
    await page.getByLabel('Username').fill('bench');
    await page.getByLabel('Password').fill('bench');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Flows' }).waitFor();
    // From here on: script errors, and console errors other than calls the stub API does not answer.
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
  }, 180_000);
  afterAll(async () => sb?.close());

  /** Visible text and field values that carry one of the leaks, with a little context. */
  const leaks = () =>
    page.evaluate((words: string[]) => {
      const texts = [
        document.body.innerText,
        ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value),
      ];
      return texts.flatMap((t) =>
        words.filter((w) => t.includes(w)).map((w) => t.slice(Math.max(0, t.indexOf(w) - 60), t.indexOf(w) + 60)),
      );
    }, LEAKS);

  it('opens every template with no overlapping nodes, selects every node, and shows no JSON, no [object Object] and no console error', async () => {
    const found: string[] = [];
    for (const t of TEMPLATES) {
      await page.goto(`${sb.stub.url}/#/flows/tpl-${t.id}`);
      await page.waitForSelector(`.react-flow__node[data-id="${t.definition.nodes[0]!.id}"]`);
      // Off-screen nodes are not rendered: the whole flow in view puts every node in the page.
      await page.getByRole('button', { name: 'Zoom to fit' }).click();
      const overlaps = await page.evaluate(() => {
        const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => ({
          id: n.getAttribute('data-id'),
          r: n.getBoundingClientRect(),
        }));
        return boxes.flatMap((a, i) =>
          boxes
            .slice(i + 1)
            .filter((b) => a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom)
            .map((b) => `${a.id} overlaps ${b.id}`),
        );
      });
      found.push(...overlaps.map((o) => `${t.id}: ${o}`));
      for (const n of t.definition.nodes) {
        await page.locator(`.react-flow__node[data-id="${n.id}"]`).dispatchEvent('click');
        await page.locator(`.props code >> text="${n.id}"`).waitFor();
        await page.locator('.props [role="status"]').waitFor({ state: 'detached' });
        found.push(...(await leaks()).map((l) => `${t.id} / ${n.label ?? n.id}: …${l}…`));
      }
      await page.getByRole('tab', { name: /Problems/ }).click();
      found.push(...(await leaks()).map((l) => `${t.id} / problems: …${l}…`));
    }
    expect([...new Set(found)]).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('asks for the connections of a template that connects in the app’s modal, which its close button and Escape cancel', async () => {
    await page.goto(`${sb.stub.url}/#/flows`);
    const card = page.locator('.gallery li:has(h3:text-is("Credit-note validation (SAP)"))');
    const dialog = page.getByRole('dialog', { name: 'Connections for “Credit-note validation (SAP)”' });
    await card.getByRole('button', { name: 'Use template' }).click();
    // The stub has no connection: each connector says so, and the flow can still be made.
    await expect
      .poll(() => dialog.getByRole('combobox').first().textContent())
      .toContain('none yet: choose one later in the designer');
    await dialog.getByRole('button', { name: 'Create the flow' }).waitFor();
    expect(await sb.axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Use template' }).click();
    await dialog.getByRole('button', { name: 'Create the flow' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
  it('speaks French to a French user: template names, new decision and task outputs, email field labels', async () => {
    await page.goto(`${sb.stub.url}/#/flows`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Partir d’un modèle' }).waitFor();
    const texts = (selector: string) =>
      page.evaluate((s: string) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);
    const cards = await texts('.gallery h3');
    expect(cards).toContain('Relances par facture (NetSuite)');
    expect(cards).toContain('Validation des avoirs');
    expect(cards.filter((c) => TEMPLATES.some((t) => t.definition.name === c))).toEqual([]);

    await page.goto(`${sb.stub.url}/#/flows/tpl-credit-note-validation`);
    await page.waitForSelector('.react-flow__node[data-id="start"]');
    // Each output's name, without the "+" that adds a node after it.
    const handlesOfNew = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.react-flow__node.selected .lf-handle-label')].map(
          (e) => e.firstChild?.textContent ?? '',
        ),
      );
    // A dropped decision proposes 'yes' labelled in French, and its default 'no' output is named in French too.
    await page.getByRole('button', { name: 'Décision', exact: true }).click();
    await page.locator('.react-flow__node.selected').waitFor();
    expect(await handlesOfNew()).toEqual(['Oui', 'Non']);
    await page.locator('.react-flow__pane').click();
    await page.getByRole('button', { name: 'Tâche humaine', exact: true }).click();
    await expect.poll(handlesOfNew).toEqual(['Approuver', 'Rejeter']);
    // The email action's inputs are labelled in French, not by their keys (to, replyTo, template).
    await page.locator('.react-flow__pane').click();
    await page.getByRole('button', { name: /Envoyer un e-mail à partir d’un modèle/ }).click();
    await page.locator('.action-editor').waitFor();
    const labels = await texts('.action-editor .action-input > label, .action-editor .action-input .label');
    expect(labels).toEqual(expect.arrayContaining(['Destinataires *', 'Répondre à', 'Modèle de lettre *', 'Langue *']));
    expect(labels.filter((l) => /^(to|cc|replyTo|template|language|tone|data)\b/.test(l))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
