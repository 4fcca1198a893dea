// Issue #13: the trigger panel of a scheduled flow shows its schedule's state and pauses and resumes it
// (real API, Postgres, Temporal schedule, Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

const def = () => ({
  schemaVersion: 1,
  name: `nightly reminders ${Date.now()}`,
  variables: [],
  nodes: [
    { id: 'cron', kind: 'trigger.schedule', config: { cron: '0 6 * * *', timezone: 'UTC' }, position: { x: 0, y: 0 } },
    { id: 'end', kind: 'end', config: { status: 'done' }, position: { x: 0, y: 160 } },
  ],
  edges: [{ id: 'a', source: 'cron', target: 'end' }],
});

describe('schedule panel in the browser', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => stack?.close());

  it('pauses and resumes the published schedule from the trigger panel', async () => {
    const { h, browser } = stack;
    const owner = await h.login(['process_owner']);
    const id = (await owner.post('/api/flows', { definition: def() })).json().id as string;
    expect((await owner.post(`/api/flows/${id}/publish`, { comment: 'v1' })).statusCode).toBe(201);
    const schedule = h.temporal.schedule.getHandle(`flow-${id}`);

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.base}/#/flows/${id}`);
    await page.locator('input[name="username"]').fill(owner.username);
    await page.locator('input[name="password"]').fill('correct horse battery staple');
    await page.locator('button[type="submit"]').click();
    await page.locator('.react-flow__node[data-id="cron"]').click();

    const state = page.getByTestId('schedule-state');
    // Each step waits on a real Temporal call: poll longer than expect.poll's 1 s default on a loaded machine.
    const slow = { timeout: 15_000 };
    await expect.poll(() => state.getAttribute('data-state'), slow).toBe('active');
    expect(await page.getByText('every firing starts its run').count()).toBe(1);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => state.getAttribute('data-state'), slow).toBe('paused');
    expect(await state.textContent()).toBe('Paused');
    expect((await schedule.describe()).state.paused).toBe(true);

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => state.getAttribute('data-state'), slow).toBe('active');
    expect((await schedule.describe()).state.paused).toBe(false);
    expect(errors).toEqual([]);
    await ctx.close();
    await schedule.delete();
  });
});
