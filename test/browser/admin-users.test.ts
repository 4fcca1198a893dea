// Issue #12, done when: an admin creates a manager with a 50 000 EUR limit and a collector from the Users page and
// signs out; the manager signs in, must change the password, and approves a 20 000 EUR credit note; a 60 000 EUR
// note goes to the director. The Audit page then shows each step, and its CSV export matches what it shows.
// Real Chromium, API, Postgres, Temporal and worker.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '@ledgerflow/api';
import { createUserStore } from '@ledgerflow/db';
import { eventually, type Agent, type Harness } from '../helpers/api-harness.ts';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';
import { publish, routedApprovalFlow } from '../tasks-flow.ts';

const PASSWORD = 'correct horse battery staple';
/** What the admin types as a first password: long, not common, and not containing the user name. */
const firstPassword = (username: string) => `Brisk otter ${username.length} ledger ${username.slice(-6)} vault`;

async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/#/inbox`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

type Entry = {
  id: string;
  action: string;
  actorUsername: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
};

describe('administering users in the browser', () => {
  let stack: BrowserStack;
  let h: Harness;
  let owner: Agent;
  /** Managers with limits other test files left enabled: set aside so the approver chosen is one of ours. */
  let setAside: string[] = [];

  beforeAll(async () => {
    stack = await startBrowserStack();
    h = stack.h;
    const users = createUserStore(h.orm.em.fork());
    setAside = (await users.list()).filter((u) => !u.disabled && u.roles.includes('manager')).map((u) => u.id);
    for (const id of setAside) await users.setDisabled(id, true);
    owner = await h.login(['process_owner']);
  });
  afterAll(async () => {
    if (h) {
      const users = createUserStore(h.orm.em.fork());
      for (const id of setAside) await users.setDisabled(id, false);
    }
    await stack?.close();
  });

  it('an admin creates a manager and a collector; the manager changes the password and approves within the limit', async () => {
    const { base, browser } = stack;
    const tag = randomUUID().slice(0, 6);
    const adminName = `admin-${tag}`;
    const managerName = `manager-${tag}`;
    const directorName = `director-${tag}`;
    const collectorName = `collector-${tag}`;
    await createUser(h.orm, { username: adminName, password: PASSWORD, roles: ['admin'] });
    const pageErrors: string[] = [];

    // 1. The admin creates the director, the manager (50 000 EUR) and a collector from the Users page.
    const adminCtx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const ap = await adminCtx.newPage();
    ap.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(ap, base, adminName, PASSWORD);
    await ap.getByRole('link', { name: 'Users' }).click();
    const create = async (username: string, role: string, limit: string | null) => {
      await ap.getByRole('button', { name: 'New user' }).click();
      const form = ap.locator('form.user-editor');
      await form.getByLabel('Username').fill(username);
      await form.getByLabel('First password').fill(firstPassword(username));
      await form.getByLabel('Display name').fill(username.replace(/-.*/, ' ').trim() + ` ${tag}`);
      await form.getByLabel('Email').fill(`${username}@example.test`);
      await form.getByRole('checkbox', { name: role, exact: true }).check();
      if (limit) {
        await form.getByRole('textbox', { name: 'Approval limit' }).fill(limit);
        await form.getByRole('textbox', { name: 'Currency' }).fill('EUR');
      }
      await form.getByRole('button', { name: 'Save' }).click();
      const row = ap.getByRole('cell', { name: username, exact: true });
      await row.waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
        await ap.screenshot({ path: path.join(ARTIFACTS, 'admin-users-failed.png'), fullPage: true });
        throw err;
      });
    };
    await create(directorName, 'manager', '1000000');
    await create(managerName, 'manager', '50000');
    await create(collectorName, 'collector', null);
    await ap.screenshot({ path: path.join(ARTIFACTS, 'admin-users.png'), fullPage: true });
    // 2. The admin signs out.
    await ap.getByRole('button', { name: 'Sign out', exact: true }).click();
    await ap.locator('input[name="username"]').waitFor();

    const flowId = await publish(
      owner,
      routedApprovalFlow(
        `Credit note limits ${tag}`,
        { type: 'approver', value: 'manager' },
        { requireApprovalLimit: true },
      ),
    );
    const start = async (amount: string) => {
      const key = `CN-${tag}-${amount}`;
      const res = await owner.post('/api/runs', {
        flowId,
        businessKey: key,
        input: { creditNote: key, amount: { amount, currency: 'EUR' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      return { key, runId: (res.json() as { runId: string }).runId };
    };
    const small = await start('20000.00');
    const large = await start('60000.00');

    // 3. The manager signs in with the admin-set password, must change it, and approves the 20 000 EUR note.
    const mctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const mp = await mctx.newPage();
    mp.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(mp, base, managerName, firstPassword(managerName));
    await mp.getByText('Choose a new password before you continue').waitFor();
    const newPassword = `Quartz lantern ${tag} meadow 41`;
    await mp.getByLabel('Current password').fill(firstPassword(managerName));
    await mp.getByLabel('New password', { exact: true }).fill(newPassword);
    await mp.getByLabel('New password again').fill(newPassword);
    await mp.getByRole('button', { name: 'Change password' }).click();
    await mp.getByRole('tab', { name: /My tasks/ }).click();
    const link = mp.getByRole('link', { name: `Approve credit note ${small.key}` });
    await link.waitFor({ timeout: 20_000 }).catch(async (err: unknown) => {
      await mp.screenshot({ path: path.join(ARTIFACTS, 'admin-users-failed.png'), fullPage: true });
      const all = await owner.get(`/api/tasks?view=all&businessKey=${encodeURIComponent(small.key)}`);
      const run = await owner.get(`/api/runs/${small.runId}`);
      throw new Error(`${(err as Error).message}\ntasks: ${all.body}\nrun: ${run.body.slice(0, 1500)}`);
    });
    // The 60 000 EUR note is above this manager's limit: it is not in their inbox.
    expect(await mp.getByRole('link', { name: `Approve credit note ${large.key}` }).count()).toBe(0);
    await link.click();
    await mp.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => mp.getByTestId('task-status').textContent(), { timeout: 20_000 }).toBe('completed');
    await mp.screenshot({ path: path.join(ARTIFACTS, 'admin-users-manager-approved.png'), fullPage: true });
    const run = await eventually(async () => {
      const r = (await owner.get(`/api/runs/${small.runId}`)).json() as { run: { status: string; outcome: string } };
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(run.outcome).toBe('approved');

    // 4. The 60 000 EUR note went to the director.
    const tasks = (await owner.get(`/api/tasks?view=all&businessKey=${encodeURIComponent(large.key)}`)).json() as {
      items: Array<{ id: string; assignee: { type: string; value: string } }>;
    };
    expect(tasks.items.map((t) => t.assignee)).toEqual([{ type: 'user', value: directorName }]);
    const largeTaskId = tasks.items[0]!.id;

    // The Audit page shows each step; its CSV export holds the same entries.
    await signIn(ap, base, adminName, PASSWORD);
    await ap.getByRole('link', { name: 'Audit' }).click();
    await ap.getByRole('heading', { name: 'Audit log' }).waitFor();
    // Filtered to this test's people (their names carry the tag), as an auditor would: other work writes entries too.
    const table = ap.getByTestId('audit-entries');
    const showFiltered = async (fill: () => Promise<void>, expected: string) => {
      await ap.getByRole('button', { name: 'Clear' }).click();
      await fill();
      await ap.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(async () => (await table.locator('tbody tr').allTextContents()).join('\n')).toContain(expected);
      return (await table.locator('tbody tr').allTextContents()).join('\n');
    };
    await table.waitFor();
    const byPeople = await showFiltered(() => ap.getByLabel('Actor').fill(tag), managerName);
    const byRouting = await showFiltered(async () => {
      await ap.getByLabel('Action').selectOption('task.routed');
      await ap.getByLabel('Target id').fill(largeTaskId);
    }, 'task.routed');
    const list = async (query: string) =>
      ((await (await ap.request.get(`${base}/api/admin/audit?limit=500&${query}`)).json()) as { items: Entry[] }).items;
    const ours = [...(await list(`actor=${tag}`)), ...(await list('action=task.routed'))].filter((e) =>
      JSON.stringify(e).includes(tag),
    );
    const has = (action: string, actor: string | null, extra: (e: Entry) => boolean = () => true) =>
      ours.some((e) => e.action === action && e.actorUsername === actor && extra(e));
    expect(has('user.created', adminName, (e) => JSON.stringify(e).includes(managerName))).toBe(true);
    expect(has('user.created', adminName, (e) => JSON.stringify(e).includes(collectorName))).toBe(true);
    expect(has('logout', adminName)).toBe(true);
    expect(has('login.succeeded', managerName)).toBe(true);
    expect(has('user.password_changed', managerName)).toBe(true);
    expect(has('task.decided', managerName, (e) => e.details.outcome === 'approve')).toBe(true);
    const routed = ours.filter((e) => e.action === 'task.routed' && e.details.amount === '60000.00');
    expect(routed.map((e) => (e as unknown as { after: unknown }).after)).toEqual([
      { assignee: { type: 'user', value: directorName } },
    ]);
    for (const step of ['user.created', 'logout', 'login.succeeded', 'user.password_changed', 'task.decided'])
      expect(byPeople, step).toContain(step);
    expect(byPeople).toContain(managerName);
    expect(byRouting).toContain(largeTaskId);

    const csv = await (await ap.request.get(`${base}/api/admin/audit/export?format=csv`)).text();
    const lines = csv.split('\n');
    expect(lines[0]).toMatch(/^\uFEFFid,at,action,actor,/);
    for (const e of ours) {
      const line = lines.find((l) => l.startsWith(`${e.id},`));
      expect(line, `${e.action} ${e.id}`).toContain(`,${e.action},${e.actorUsername ?? ''},`);
    }
    await ap.screenshot({ path: path.join(ARTIFACTS, 'admin-audit.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await adminCtx.close();
    await mctx.close();
  });

  it('an admin disables a user only once they say yes, asked in the app’s language rather than the browser’s', async () => {
    const { base, browser } = stack;
    const tag = randomUUID().slice(0, 6);
    const adminName = `admin-confirm-${tag}`;
    const leaverName = `leaver-${tag}`;
    await createUser(h.orm, { username: adminName, password: PASSWORD, roles: ['admin'] });
    const leaverId = await createUser(h.orm, { username: leaverName, password: PASSWORD, roles: ['collector'] });
    const isDisabled = async () =>
      (await createUserStore(h.orm.em.fork()).list()).find((u) => u.id === leaverId)?.disabled;
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, base, adminName, PASSWORD);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.locator('input[type="search"]').fill(leaverName);
    await page.getByRole('button', { name: leaverName, exact: true }).click();
    const actions = page.getByRole('region', { name: leaverName });
    const dialog = page.getByRole('dialog', { name: 'Désactiver' });
    await actions.getByRole('button', { name: 'Désactiver' }).click();
    expect(await dialog.textContent()).toContain('Désactiver cet utilisateur ?');
    // "Non" has the focus: Enter pressed by habit keeps the user.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await isDisabled()).toBe(false);
    await actions.getByRole('button', { name: 'Désactiver' }).click();
    await dialog.getByRole('button', { name: 'Désactiver' }).click();
    await actions.getByRole('button', { name: 'Réactiver' }).waitFor();
    expect(await isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
