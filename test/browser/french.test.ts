// Every top-level page rendered in French in real Chromium, against the real API, Postgres, Temporal and worker: an
// admin whose profile locale is fr visits each page and the test fails on any visible text that is the English side of
// a designer dictionary (en.ts and the pages' *-i18n.ts) and not also French, and on French text with no space before
// : ; ? or !.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';
import { designerDictionaries } from '../helpers/designer-dictionaries.ts';
import { publish } from '../tasks-flow.ts';

/** English values that are French too, or names: the same text is the translation. */
const SAME_IN_FRENCH = new Set([
  'Ledgerflow',
  'Audit',
  'Actions',
  'Description',
  'Version',
  'Versions',
  'Total',
  'Email',
  'Excel',
  'CSV',
  'XLSX',
  'SSO',
  'OK',
  'Date',
]);

/** The user's own words (flow, node and task names here are the test's data, written in French). */
function frenchFlow(group: string) {
  return {
    schemaVersion: 1,
    name: `Avoir à valider ${group}`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
    variables: [{ name: 'montant', type: 'money', required: true }],
    nodes: [
      { id: 'debut', kind: 'trigger.manual', label: 'Demande', config: {} },
      {
        id: 'valider',
        kind: 'humanTask',
        label: 'Validation',
        config: {
          title: 'Valider l’avoir',
          outcomes: [
            { name: 'ok', label: 'Accepter' },
            { name: 'non', label: 'Refuser', kind: 'reject' },
          ],
          assignee: { type: 'group', value: group },
          fourEyes: false,
        },
      },
      { id: 'fin', kind: 'end', label: 'Fin', config: { status: 'approved' } },
      { id: 'refus', kind: 'end', label: 'Refus', config: { status: 'rejected' } },
    ],
    edges: [
      { id: 'e1', source: 'debut', target: 'valider' },
      { id: 'e2', source: 'valider', target: 'fin', sourceHandle: 'ok' },
      { id: 'e3', source: 'valider', target: 'refus', sourceHandle: 'non' },
    ],
  };
}

/**
 * Visible text nodes and placeholders of the page. Code, editors, content marked as another language or not to be
 * translated (the user's names, the shipped English templates) are skipped; `data` is text in a table cell, which may be
 * any user's value, so only the dictionary check reads it.
 */
function visibleTexts(page: Page): Promise<Array<{ text: string; data: boolean }>> {
  return page.evaluate(() => {
    const skip =
      'code, pre, script, style, textarea, [contenteditable], .cm-editor, [translate="no"], [lang]:not([lang|="fr"])';
    const out: Array<{ text: string; data: boolean }> = [];
    // An element's own text nodes read together: "Label" and ":" rendered apart still read "Label:".
    const own = new Map<Element, string[]>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ');
      if (!el || !text.trim() || el.closest(skip) || !el.checkVisibility()) continue;
      own.set(el, [...(own.get(el) ?? []), text]);
      out.push({ text: text.trim(), data: true });
    }
    for (const [el, parts] of own) out.push({ text: parts.join('').trim(), data: !!el.closest('td') });
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]'))
      if (el.checkVisibility() && el.placeholder.trim()) out.push({ text: el.placeholder.trim(), data: false });
    return out;
  });
}

/** A function that waits until the page has its data: no request open for a while (lists load after the heading). */
function trackRequests(page: Page): () => Promise<void> {
  let inFlight = 0;
  // The inbox's live stream stays open for good: it is not a page still loading.
  const counted = (r: Request) => r.resourceType() !== 'eventsource';
  page.on('request', (r) => void (counted(r) && inFlight++));
  page.on('requestfinished', (r) => void (counted(r) && inFlight--));
  page.on('requestfailed', (r) => void (counted(r) && inFlight--));
  return async () => {
    await page.locator('main').first().waitFor();
    // A page's code loads on first visit (the shell shows a status meanwhile): its own requests come after.
    await page.locator('main > p.center[role="status"]').waitFor({ state: 'detached' });
    await expect
      .poll(
        async () => {
          const before = inFlight;
          await page.waitForTimeout(250);
          return before === 0 && inFlight === 0;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
  };
}

describe('every page in French', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows no English dictionary text and puts a space before : ; ? ! on every top-level page', async () => {
    const { h, base, browser } = stack;
    const group = `fr-${randomUUID().slice(0, 8)}`;
    const admin = await h.login(['admin', 'process_owner', 'approver', 'integrator'], {
      locale: 'fr',
      groups: [group],
    });
    // The connections page lists each connection's secrets by name: one connection of each ERP and mail connector,
    // so the check sees those names whatever other files left in the shared database.
    for (const c of [
      {
        connectorId: 'email',
        config: { host: '127.0.0.1', port: 2525, secure: false, from: 'ar@ledgerflow.test' },
        secrets: { user: 'ar', password: 'pw' },
      },
      {
        connectorId: 'sap',
        config: { baseUrl: 'http://127.0.0.1:9', auth: { type: 'basic', user: 'LF' } },
        secrets: { password: 'pw' },
      },
      {
        connectorId: 'netsuite',
        config: { accountId: 'TSTDRV1', auth: { type: 'tba', consumerKey: 'ck', tokenId: 'tid' } },
        secrets: { consumerSecret: 'cs', tokenSecret: 'ts' },
      },
    ]) {
      const res = await admin.post('/api/connections', { name: `${c.connectorId}-${group}`, ...c });
      expect(res.statusCode, res.body).toBe(201);
    }
    const flowId = await publish(admin, frenchFlow(group));
    const started = await admin.post('/api/runs', {
      businessKey: `AV-${group}`,
      flowId,
      input: { montant: { amount: '18250.00', currency: 'EUR' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { runId } = started.json() as { runId: string };

    const dict = designerDictionaries();
    const french = new Set(dict.map((d) => d.fr));
    const english = new Map<string, string>();
    for (const d of dict)
      if (d.en.length > 1 && !d.en.includes('{') && !french.has(d.en) && !SAME_IN_FRENCH.has(d.en))
        english.set(d.en, `${d.file} ${d.key}`);

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const settled = trackRequests(page);
    await page.goto(`${base}/#/home`);
    await page.locator('input[name="username"]').fill(admin.username);
    await page.locator('input[name="password"]').fill('correct horse battery staple');
    await page.locator('button[type="submit"]').click();
    await page.locator('nav').first().waitFor();

    const pages = [
      'home',
      'flows',
      `flows/${flowId}`,
      'runs',
      `runs/${runId}`,
      'inbox',
      'customers',
      'ledger',
      'dunning',
      'dashboards',
      'letters',
      'connections',
      'users',
      'audit',
      'sso',
      'rates',
      'account',
    ];
    const found: string[] = [];
    for (const route of pages) {
      await page.evaluate((r) => (location.hash = `#/${r}`), route);
      await settled();
      for (const { text, data } of await visibleTexts(page)) {
        const from = english.get(text);
        if (from) found.push(`#/${route}: "${text}" (${from})`);
        // Single text nodes are matched against the dictionary; punctuation is read per element, outside tables.
        if (data) continue;
        const prose = text.replace(/https?:\/\/\S+/g, '').replace(/\d[:.]\d/g, '');
        if (/[^\s\u00a0\u202f][:;?!]/.test(prose))
          found.push(`#/${route}: no space before the punctuation in "${text}"`);
      }
      await page.screenshot({
        path: path.join(ARTIFACTS, `fr-${route.split('/')[0]}${route.includes('/') ? '-one' : ''}.png`),
      });
    }
    expect([...new Set(found)]).toEqual([]);

    // An API refusal reads in French: the wrong current password (PASSWORD_WRONG) on the account page.
    await page.getByLabel('Mot de passe actuel').fill('not my password');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('another horse battery staple');
    await page.getByLabel('Nouveau mot de passe (confirmation)').fill('another horse battery staple');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le mot de passe est incorrect.' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await ctx.close();

    // Dates follow the user's language, not the browser's: on an English browser this French user reads and types
    // dd/mm/yyyy in a Monday-first French calendar (a native date input shows mm/dd/yyyy and refuses this text),
    // and the filter still sends the day as an ISO instant.
    const enCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    const enPage = await enCtx.newPage();
    await enPage.goto(`${base}/#/audit`);
    await enPage.locator('input[name="username"]').fill(admin.username);
    await enPage.locator('input[name="password"]').fill('correct horse battery staple');
    await enPage.locator('button[type="submit"]').click();
    const from = enPage.getByLabel('Du', { exact: true });
    expect(await from.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    await from.fill('31/10/2026');
    expect(await enPage.locator('.mantine-DateInput-weekday').first().textContent()).toMatch(/^lu/i);
    expect(await enPage.locator('.mantine-DateInput-calendarHeaderLevel').textContent()).toMatch(/^octobre 2026$/i);
    await from.press('Escape');
    const query = enPage.waitForRequest((r) => r.url().includes('/api/admin/audit?') && r.url().includes('from='));
    await enPage.getByRole('button', { name: 'Filtrer' }).click();
    const sent = new URL((await query).url()).searchParams.get('from');
    expect(sent).toBe(await enPage.evaluate(() => new Date('2026-10-31T00:00:00').toISOString()));
    expect(await from.inputValue()).toBe('31/10/2026');

    // The same pages in English, for the record (test-artifacts/en-*.png beside fr-*.png).
    const enSettled = trackRequests(enPage);
    await enPage.getByLabel('Langue').selectOption('en');
    await enPage.getByLabel('Language').waitFor();
    for (const route of pages) {
      await enPage.evaluate((r) => (location.hash = `#/${r}`), route);
      await enSettled();
      await enPage.screenshot({
        path: path.join(ARTIFACTS, `en-${route.split('/')[0]}${route.includes('/') ? '-one' : ''}.png`),
      });
    }
    await enCtx.close();
  });
});
