// Issue #13: the flow editor's migrate action shows a dry run first (which cases move, which are refused and why),
// then applies it on request (real API, Postgres, Temporal, Chromium).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, type Harness } from '../helpers/api-harness.ts';
import { startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

/** One approval task; `approveAs` names its approving outcome, `endStatus` where approving ends. */
const def = (group: string, approveAs: string, endStatus: string) => ({
  schemaVersion: 1,
  name: `migrated ${group}`,
  variables: [],
  nodes: [
    { id: 't', kind: 'trigger.manual', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'review',
      kind: 'humanTask',
      config: {
        title: 'Review',
        outcomes: [{ name: approveAs }, { name: 'reject', kind: 'reject' }],
        assignee: { type: 'group', value: group },
      },
      position: { x: 0, y: 120 },
    },
    { id: 'ok', kind: 'end', config: { status: endStatus }, position: { x: 0, y: 240 } },
    { id: 'ko', kind: 'end', config: { status: 'rejected' }, position: { x: 200, y: 240 } },
  ],
  edges: [
    { id: 'a', source: 't', target: 'review' },
    { id: 'b', source: 'review', target: 'ok', sourceHandle: approveAs },
    { id: 'c', source: 'review', target: 'ko', sourceHandle: 'reject' },
  ],
});

describe('migrate panel in the browser', () => {
  let stack: BrowserStack;
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ h, browser } = stack);
  });
  afterAll(async () => stack?.close());

  it('shows the dry run (moving and refused cases with the reason) and applies only on request', async () => {
    const group = `mig-${randomUUID().slice(0, 8)}`;
    const owner = await h.login(['process_owner']);
    await h.login(['approver'], { groups: [group] });
    const id = (await owner.post('/api/flows', { definition: def(group, 'approve', 'approved') })).json().id as string;
    const start = async (key: string) => {
      const runId = (await owner.post('/api/runs', { flowId: id, businessKey: key })).json().runId as string;
      await eventually(async () => (await owner.get(`/api/runs/${runId}`)).json().run.status === 'waiting');
      return runId;
    };
    const publish = async (approveAs: string, endStatus: string) =>
      expect(
        (await owner.post(`/api/flows/${id}/publish`, { comment: 'v', definition: def(group, approveAs, endStatus) }))
          .statusCode,
      ).toBe(201);
    await publish('approve', 'approved');
    const onV1 = await start(`A-${group}`);
    await publish('accept', 'approved');
    const onV2 = await start(`B-${group}`);
    // v3 keeps v2's task: the v2 case may move, the v1 case's task would lose its 'approve'.
    await publish('accept', 'accepted');
    const versionOf = async (runId: string) => (await owner.get(`/api/runs/${runId}`)).json().run.version as number;

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.base}/#/flows/${id}`);
    await page.locator('input[name="username"]').fill(owner.username);
    await page.locator('input[name="password"]').fill('correct horse battery staple');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('tab', { name: 'Versions' }).click();

    await page.getByLabel('Target version').selectOption('3');
    await page.getByRole('button', { name: 'Check which cases can move' }).click();
    const report = page.getByTestId('migration-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('Dry run: nothing has changed yet.');
    expect(await page.getByTestId('migration-moves').textContent()).toContain(`${onV2.slice(0, 8)} from v2`);
    const refused = await page.getByTestId('migration-refused').textContent();
    expect(refused).toContain(`${onV1.slice(0, 8)} from v1`);
    expect(refused).toContain('OPEN_TASK_CHANGED');
    expect(refused).toContain('outcomes: before approve, reject [reject], after accept, reject [reject]');
    expect([await versionOf(onV1), await versionOf(onV2)]).toEqual([1, 2]);

    await page.getByRole('button', { name: 'Apply the migration' }).click();
    await page.getByText('Moved → v3 (1)').waitFor();
    expect(await page.getByTestId('migration-refused').textContent()).toContain('OPEN_TASK_CHANGED');
    expect([await versionOf(onV1), await versionOf(onV2)]).toEqual([1, 3]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
