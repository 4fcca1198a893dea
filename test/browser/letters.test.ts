// The Letters page in real Chromium against the real API: a process owner sorts and filters the list, opens a French
// letter, edits its text and reads the live preview (sample values, variables, the HTML in a sandboxed frame), in
// French; then makes another language and tone of it from its page (a code that names no language is refused in French
// first).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../helpers/api-harness.ts';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

const PASSWORD = 'correct horse battery staple';
const TONE = `test-${Date.now()}`;

describe('letters in the browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ h, base, browser } = stack);
  });
  afterAll(async () => {
    // The variant this file makes goes, so later files see the shipped letters only.
    await h?.orm.em.fork().getConnection().execute(`delete from email_templates where tone = ?`, [TONE]);
    await stack?.close();
  });

  it('a process owner edits the French text of a letter and sees the preview follow', async () => {
    const owner = await h.login(['process_owner']);
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/#/letters`);
    await page.locator('input[name="username"]').fill(owner.username);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByRole('heading', { name: 'Letters' }).waitFor();

    // The list sorts by its headers (a second click reverses), and filters by name on the server, its export alike.
    const names = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="letters"] tbody tr td:first-child')].map((e) => e.textContent),
      );
    const header = page.getByRole('columnheader', { name: /^Letter/ });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const desc = await names();
    expect(desc.length).toBeGreaterThan(1);
    expect(desc[0]).not.toBe(desc.at(-1));
    expect(desc).toEqual([...desc].sort((a, b) => (b ?? '').localeCompare(a ?? '', 'en')));
    await page.getByLabel('Letter name contains').fill('REMINDER');
    await expect
      .poll(async () => {
        const shown = await names();
        return shown.length > 0 && shown.every((n) => n?.includes('reminder'));
      })
      .toBe(true);
    expect(await page.getByTestId('letters-export-csv').getAttribute('href')).toBe(
      '/api/email-templates/export?q=REMINDER&format=csv',
    );
    await page.getByLabel('Letter name contains').fill('');

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Courriers' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'letters-fr.png'), fullPage: true });

    const row = page
      .locator('tbody tr')
      .filter({ hasText: 'task-reminder' })
      .filter({ has: page.getByRole('cell', { name: 'FR', exact: true }) });
    await row.getByRole('link', { name: 'task-reminder' }).click();
    await page.getByLabel('Corps texte').waitFor();
    await expect
      .poll(() => page.getByTestId('preview-subject').textContent(), { timeout: 10_000 })
      .toContain('‹task.title›');

    await page.getByLabel('Corps texte').fill('Bonjour {{ assignee.name }}, la demande {{ task.title }} vous attend.');
    await expect
      .poll(() => page.getByTestId('preview-text').textContent(), { timeout: 10_000 })
      .toBe('Bonjour ‹assignee.name›, la demande ‹task.title› vous attend.');
    await page.getByLabel('Corps texte').fill('Bonjour {{ assignee.name }}, merci.');
    await expect
      .poll(() => page.getByTestId('preview-text').textContent(), { timeout: 10_000 })
      .toBe('Bonjour ‹assignee.name›, merci.');
    expect(await page.getByTestId('preview-missing').textContent()).toBe('aucune');

    // The letter's HTML runs in a frame with no scripts and no access to the app.
    const frame = page.locator('iframe.letter-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect
      .poll(() => page.frameLocator('iframe.letter-frame').locator('body').textContent(), { timeout: 10_000 })
      .toContain('Ouvrir la tâche');
    await page.screenshot({ path: path.join(ARTIFACTS, 'letter-editor-fr.png'), fullPage: true });

    // Another language and tone of this letter, made here: it opens as a draft holding the text it started from.
    const form = page.getByRole('form', { name: 'Autre langue ou autre ton' });
    await form.getByLabel('Rédigé en').fill('zz');
    await form.getByRole('button', { name: 'Créer' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('code à deux lettres');
    await form.getByLabel('Rédigé en').fill('de');
    await form.getByLabel('Ton').fill(TONE);
    await form.getByRole('button', { name: 'Créer' }).click();
    await page.getByRole('heading', { name: `task-reminder · DE · ${TONE}` }).waitFor();
    expect(await page.getByLabel('Corps texte').inputValue()).toContain('task.title');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
