// The approvers' inbox in real Chromium, against the real API, Postgres, Temporal and worker:
// an approver logs in, opens a task, attaches a document, approves, and sees the run move on.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '@ledgerflow/api';
import { eventually, type Harness } from '../helpers/api-harness.ts';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';
import { approvalFlow, publish } from '../tasks-flow.ts';

describe('inbox in the browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;

  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ h, base, browser } = stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('an approver opens a task, attaches a document, approves, and sees the run move on', async () => {
    const group = `ui-${randomUUID().slice(0, 8)}`;
    const owner = await h.login(['process_owner']);
    // Publishing refuses a group nobody is in: the approver exists first.
    const username = `approver-${randomUUID().slice(0, 6)}`;
    const password = 'correct horse battery staple';
    await createUser(h.orm, { username, password, roles: ['approver'], groups: [group] });
    const flowId = await publish(owner, approvalFlow({ group, attachmentRequired: true }));
    const key = `CN-UI-${randomUUID().slice(0, 6)}`;
    // Data is shown as text, never as HTML.
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const start = await owner.post('/api/runs', {
      flowId,
      businessKey: key,
      input: { creditNote: key, amount: { amount: '18250.50', currency: 'EUR' }, customer: hostile },
    });
    expect(start.statusCode, start.body).toBe(201);
    const { runId } = start.json() as { runId: string };

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base}/#/inbox`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();

    await page.getByRole('tab', { name: /My teams/ }).click();
    const link = page.getByRole('link', { name: `Approve credit note ${key}` });
    await link.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-list.png'), fullPage: true });
    // keyboard: j/k moves the cursor, Enter opens the task under it
    const rows = page.locator('table.inbox-list tbody tr');
    const index = await rows.evaluateAll((trs, k) => trs.findIndex((tr) => tr.textContent?.includes(k as string)), key);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < index; i++) await page.keyboard.press('j');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: `Approve credit note ${key}` }).waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 10_000 }).toBe('waiting');
    expect(await page.locator('.key-figures').textContent()).toContain('18,250.50 EUR');
    expect(await page.locator('.key-figures').textContent()).toContain(hostile);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // approving without the required document is refused with the reason shown
    await page.locator('#root_comment').fill('Matches the returned goods');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('alert').filter({ hasText: 'attached' }).waitFor();

    await page.locator('input[type="file"]').setInputFiles({
      name: 'returned-goods.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% returned goods note\n%%EOF\n'),
    });
    await page.getByRole('link', { name: 'returned-goods.pdf' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-task.png'), fullPage: true });

    // "a" approves (the form keeps its value across the reload after the upload)
    await page.locator('h1').click();
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toBe('completed');
    await expect.poll(() => page.getByTestId('task-status').textContent(), { timeout: 10_000 }).toBe('completed');
    expect(await page.locator('.timeline').textContent()).toContain('run.completed');
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-approved.png'), fullPage: true });

    const run = await eventually(async () => {
      const r = (await owner.get(`/api/runs/${runId}`)).json() as {
        run: { status: string; outcome: string; variables: { decision?: { data: Record<string, unknown> } } };
      };
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(run.outcome).toBe('approved');
    expect(run.variables.decision?.data).toEqual({ comment: 'Matches the returned goods' });
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // French
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: /Retour à la boîte de réception/ }).waitFor();
    expect(pageErrors).toEqual([]);
    await ctx.close();
  });

  it('sorts the inbox by a column header (mouse and keyboard) and downloads the list as CSV, sorted the same', async () => {
    const tag = randomUUID().slice(0, 6);
    const group = `sort-${tag}`;
    const owner = await h.login(['process_owner']);
    const username = `sorter-${tag}`;
    const password = 'correct horse battery staple';
    await createUser(h.orm, { username, password, roles: ['approver'], groups: [group] });
    const flowId = await publish(owner, approvalFlow({ group }));
    const amounts: Record<string, string> = { a: '500.00', b: '20.00', c: '3000.00' };
    for (const [k, amount] of Object.entries(amounts)) {
      const start = await owner.post('/api/runs', {
        flowId,
        businessKey: `SRT-${tag}-${k}`,
        input: { creditNote: `SRT-${tag}-${k}`, amount: { amount, currency: 'EUR' }, customer: 'Société Générale' },
      });
      expect(start.statusCode, start.body).toBe(201);
    }
    const ctx = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    await page.goto(`${base}/#/inbox`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.getByRole('tab', { name: /My teams/ }).click();
    await page.getByLabel('Search title or business key').fill(`SRT-${tag}`);
    await page.getByRole('button', { name: 'Apply' }).click();
    const keys = () =>
      page
        .locator('table.inbox-list tbody tr')
        .evaluateAll((trs) => trs.map((tr) => /SRT-\w+-(\w)/.exec(tr.textContent ?? '')?.[1] ?? '?'));
    await expect.poll(keys, { timeout: 20_000 }).toHaveLength(3);

    const amount = page.getByRole('columnheader', { name: /Amount/ });
    await amount.getByRole('button').click();
    await expect.poll(() => amount.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(keys).toEqual(['b', 'a', 'c']);
    // The header's button takes Enter: a second press reverses the order.
    await amount.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => amount.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(keys).toEqual(['c', 'a', 'b']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('inbox-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^tasks-groups-[\d-]+\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFFtaskId,')).toBe(true);
    const rows = csv.split('\r\n').slice(1, -1);
    expect(rows.map((r) => /SRT-\w+-(\w)/.exec(r)?.[1])).toEqual(['c', 'a', 'b']);
    expect(rows[0]).toContain(',Société Générale,');
    expect(rows[0]).toContain(',3000,EUR,');
    await ctx.close();
  });
});
