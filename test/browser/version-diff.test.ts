// Issue #13: in the designer's version panel, each version shows 8 hex characters of its hash and who published it
// by name, and any two versions can be compared side by side, field by field (real API, Postgres, Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../helpers/api-harness.ts';
import { startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

const def = (status: string, label: string) => ({
  schemaVersion: 1,
  name: `compared ${Date.now()}`,
  variables: [],
  nodes: [
    { id: 't', kind: 'trigger.manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'docs', kind: 'waitForEvent', label, config: { event: 'document.received' }, position: { x: 0, y: 120 } },
    { id: 'end', kind: 'end', config: { status }, position: { x: 0, y: 240 } },
  ],
  edges: [
    { id: 'a', source: 't', target: 'docs' },
    { id: 'b', source: 'docs', target: 'end' },
  ],
});

describe('version panel in the browser', () => {
  let stack: BrowserStack;
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ h, browser } = stack);
  });
  afterAll(async () => stack?.close());

  it('names the publisher, shows 8 hex of the hash, and compares two picked versions field by field', async () => {
    const owner = await h.login(['process_owner']);
    await h.orm.em
      .fork()
      .getConnection()
      .execute(`update users set display_name = 'Claire Martin' where id = ?`, [owner.userId]);
    const id = (await owner.post('/api/flows', { definition: def('approved', 'Documents') })).json().id as string;
    for (const [comment, status, label] of [
      ['v1', 'approved', 'Documents'],
      ['v2', 'validated', 'Documents'],
      ['v3', 'validated', 'Proof of delivery'],
    ])
      expect(
        (await owner.post(`/api/flows/${id}/publish`, { comment, definition: def(status!, label!) })).statusCode,
      ).toBe(201);
    const v1Hash = (await owner.get(`/api/flows/${id}/versions/1`)).json().hash as string;

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.base}/#/flows/${id}`);
    await page.locator('input[name="username"]').fill(owner.username);
    await page.locator('input[name="password"]').fill('correct horse battery staple');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('tab', { name: 'Versions' }).click();

    await page.getByTestId('published-by').first().waitFor();
    expect(await page.getByTestId('published-by').allTextContents()).toEqual(Array(3).fill('Claire Martin'));
    const hashes = await page.getByTestId('version-hash').allTextContents();
    expect(hashes).toHaveLength(3);
    for (const text of hashes) expect(text).toMatch(/^[0-9a-f]{8}$/);
    expect(hashes[2]).toBe(v1Hash.slice('sha256:'.length, 'sha256:'.length + 8));

    // A = v1, B = v3: the end status and the label changed, each with its before and after.
    await page.getByLabel('Version A').selectOption('1');
    await page.getByLabel('Version B').selectOption('3');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const status = page.locator('[data-node="end"] tr[data-path="/config/status"]');
    await status.waitFor();
    expect(await status.locator('.diff-before').textContent()).toBe('approved');
    expect(await status.locator('.diff-after').textContent()).toBe('validated');
    const label = page.locator('[data-node="docs"] tr[data-path="/label"]');
    expect(await label.locator('.diff-before').textContent()).toBe('Documents');
    expect(await label.locator('.diff-after').textContent()).toBe('Proof of delivery');
    expect(await page.getByTestId('version-diff').textContent()).toContain('v1 → v3');

    // A = v2, B = v3: only the label.
    await page.getByLabel('Version A').selectOption('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByText('v2 → v3').waitFor();
    expect(await page.locator('[data-node="end"]').count()).toBe(0);
    expect(await page.locator('[data-node="docs"] tr[data-path="/label"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
