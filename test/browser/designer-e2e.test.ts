// The designer end to end with the mouse, in Debian Chromium, against the real API, Postgres, Temporal
// and worker: from an empty canvas, drag nodes from the palette, connect them, configure a rule, fix a
// validation problem, publish, start a run, and see the run's path on the canvas.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '@ledgerflow/api';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(async () => stack?.close());

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, h: string) =>
  node(page, id).locator(`.react-flow__handle[data-handleid="${h}"]`);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `designer-e2e-${name}.png`) });

describe('designer, mouse first, on the real stack', () => {
  it('draws, configures, fixes, publishes and runs a flow, then paints its path', async () => {
    const username = `owner-${randomUUID().slice(0, 6)}`;
    await createUser(stack.h.orm, { username, password: 'correct horse battery staple', roles: ['process_owner'] });
    // The mail connection the action will pick (step 8), set up by an integrator beforehand.
    const mailName = `e2e-mail-${randomUUID().slice(0, 6)}`;
    const integrator = await stack.h.login(['integrator']);
    const created = await integrator.post('/api/connections', {
      name: mailName,
      connectorId: 'email',
      config: { host: '127.0.0.1', port: 2525, secure: false, from: 'AR <ar@ledgerflow.test>' },
      secrets: {},
    });
    expect(created.statusCode, created.body).toBe(201);
    const ctx = await stack.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.base}/`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill('correct horse battery staple');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.locator('.react-flow__node').first().waitFor();

    // An empty canvas.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await shot(page, '1-empty');

    // 1. Drag nodes from the palette.
    const pane = page.locator('.react-flow__pane');
    const drop = (name: string, x: number, y: number) =>
      page.getByRole('button', { name, exact: true }).dragTo(pane, { targetPosition: { x, y } });
    await drop('Manual start', 300, 30);
    await drop('Decision', 300, 190);
    await drop('Built-in: Log a message', 120, 370);
    const structure = page.locator('summary', { hasText: 'Structure' });
    if (!(await page.getByRole('button', { name: 'End', exact: true }).isVisible())) await structure.click();
    await drop('End', 120, 550);
    await drop('End', 520, 370);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);

    // 2. Connect them, handle to handle.
    await handle(page, 'trigger_manual_1', 'next').dragTo(handle(page, 'decision_1', 'in'));
    await handle(page, 'decision_1', 'yes').dragTo(handle(page, 'action_1', 'in'));
    await handle(page, 'action_1', 'next').dragTo(handle(page, 'end_1', 'in'));
    await handle(page, 'decision_1', 'no').dragTo(handle(page, 'end_2', 'in'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);
    await shot(page, '2-connected');

    // 3. Declare the input and configure the rule: amount above 15 000 EUR.
    await pane.click({ position: { x: 700, y: 600 } });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Variable 1 name').fill('amount');
    await page.getByLabel('Variable 1 type').selectOption('money');
    await node(page, 'decision_1').click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Variable', { exact: true }).selectOption('amount');
    await page.getByLabel('Operator', { exact: true }).selectOption('amountGt');
    await page.getByLabel('Value (amount)', { exact: true }).fill('15000');
    await expect.poll(() => node(page, 'decision_1').textContent()).toContain('15000');
    await shot(page, '3-rule');

    // 4. Fix the one problem left: the log action has no message. The problem list leads to the field, which is
    // fixed text by default: the amount goes in through the variable picker as a {{ }} placeholder.
    await page.getByRole('tab', { name: /^Problems/ }).click();
    const problem = page.getByRole('button', { name: /^Built-in: Log a message › message: / });
    await problem.waitFor();
    await problem.click();
    const message = page.getByLabel(/^message \*/);
    await expect.poll(() => message.evaluate((el) => el === document.activeElement)).toBe(true);
    await message.fill('big credit note: ');
    await page.getByLabel('Insert a variable into message *').selectOption('amount');
    await expect.poll(() => message.inputValue()).toBe('big credit note: {{ amount }}');
    await page.getByText(/^Preview: big credit note: \{"amount":"1250.00"/).waitFor();
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 15_000 });
    await shot(page, '4-valid');

    // 5. Publish.
    await page.getByLabel('What changed?').fill('first version, drawn with the mouse');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published version 1/).waitFor({ timeout: 15_000 });

    // 6. Start a run with sample input; 7. see the path it took on the canvas.
    await page.getByRole('tab', { name: 'Test run' }).click();
    await page.locator('.test-run').getByLabel('amount', { exact: true }).fill('20,000.00');
    // Integrators still get the input as JSON: what the form holds, as exact decimal strings.
    await page.locator('.test-run').getByRole('button', { name: 'JSON', exact: true }).click();
    expect(JSON.parse(await page.locator('#run-input').inputValue())).toEqual({
      amount: { amount: '20000.00', currency: 'EUR' },
    });
    await page.getByRole('button', { name: 'Start test run' }).click();
    await expect.poll(() => page.locator('.test-run p strong').textContent(), { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => page.locator('.react-flow__edge.taken').count(), { timeout: 10_000 }).toBe(3);
    expect(await node(page, 'end_2').locator('.deco-done').count()).toBe(0);
    expect(await node(page, 'end_1').locator('.lf-node.deco-done').count()).toBe(1);
    await shot(page, '5-path');

    // 8. Make the action an email to a fixed address. Without a connection the problem names the node by its label
    // and publishing is refused; clicking the problem focuses the picker, which offers the email connection.
    await page.getByRole('tab', { name: 'Properties' }).click();
    await node(page, 'action_1').click();
    await page.getByLabel('Label', { exact: true }).fill('Approve credit note');
    const [connector, action] = [0, 1].map((i) => page.locator('.action-editor .row select').nth(i));
    await connector!.selectOption('email');
    await action!.selectOption('send');
    const picker = page.getByLabel('Connection *', { exact: true });
    await picker.selectOption('');
    await page.getByLabel('to *', { exact: true }).fill('manager@bledina.example');
    await page.getByLabel('template *', { exact: true }).fill('task-reminder');
    await page.getByLabel('language *', { exact: true }).fill('fr');
    await page
      .getByLabel('data *', { exact: true })
      .fill(
        '{"assignee": {"name": "Marie"}, "flow": {"name": "Avoirs"}, "task": {"title": "CN-1", "url": "http://x.test"}}',
      );
    await page.getByRole('tab', { name: /^Problems/ }).click();
    const missing = page.getByRole('button', { name: /^Approve credit note › Connection: Approve credit note: needs/ });
    await missing.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('tab', { name: /^Problems \(1\)/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await shot(page, '6-connection-missing');
    await missing.click();
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await picker.selectOption({ label: mailName });
    await page.getByRole('tab', { name: /Problems \(0\)/ }).waitFor({ timeout: 15_000 });
    await page.getByLabel('What changed?').fill('the reminder is an email');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published version 2/).waitFor({ timeout: 15_000 });
    const flowId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    const v2 = await integrator.get(`/api/flows/${encodeURIComponent(flowId)}/versions/2`);
    const mail = v2.json().definition.nodes.find((n: { id: string }) => n.id === 'action_1');
    expect(mail).toMatchObject({
      label: 'Approve credit note',
      config: {
        connector: 'email',
        connectionId: created.json().id,
        inputs: { to: { value: ['manager@bledina.example'] }, template: { value: 'task-reminder' } },
      },
    });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
