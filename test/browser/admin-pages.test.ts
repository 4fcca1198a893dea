// The Connections and Dashboards pages in real Chromium, against the real API, Postgres, Temporal and worker:
// an integrator creates an email connection through the schema-generated form, sees a schema error, tests it;
// a process owner picks a record-feed flow on Dashboards, extracts now, and sees the KPI tiles update.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createLedgerItemsStore, type LedgerRowInput } from '@ledgerflow/db';
import type { Harness } from '../helpers/api-harness.ts';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

const PASSWORD = 'correct horse battery staple';

function feedFlow(records: Array<Record<string, unknown>>) {
  return {
    schemaVersion: 1,
    name: `credit notes ui ${Date.now()}`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables: [],
    nodes: [
      {
        id: 'feed',
        kind: 'trigger.recordFeed',
        config: {
          connector: 'builtin',
          feed: 'staticRecords',
          feedConfig: { records },
          cron: '0 7,13 * * 1-5',
          businessKey: 'record.id',
          onClosed: 'ignore',
        },
      },
      { id: 'docs', kind: 'waitForEvent', config: { event: 'document.received' } },
      { id: 'end', kind: 'end', config: { status: 'validated' } },
    ],
    edges: [
      { id: 'a', source: 'feed', target: 'docs' },
      { id: 'b', source: 'docs', target: 'end' },
    ],
  };
}

describe('connections and dashboards in the browser', () => {
  let h: Harness;
  let browser: Browser;
  let sink: SmtpSink;
  let base: string;

  let stack: BrowserStack;
  beforeAll(async () => {
    sink = await createSmtpSink({ port: 0 });
    stack = await startBrowserStack({ mailSink: sink });
    ({ h, base, browser } = stack);
  });
  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  async function open(
    hash: string,
    username: string,
  ): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/${hash}`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    return { page, errors, close: () => ctx.close() };
  }

  it('an integrator creates an email connection from the generated form, sees a schema error, and tests it', async () => {
    const integrator = await h.login(['integrator']);
    const name = `Mail sink ${randomUUID().slice(0, 6)}`;
    const { page, errors, close } = await open('#/connections', integrator.username);
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.locator('#connection-name').fill(name);
    await page.locator('#connection-connector').selectOption('email');
    // Fields come from the connector's schema, with its defaults.
    await expect.poll(() => page.locator('#config-host').inputValue()).toBe('127.0.0.1');
    await page.locator('#config-port').fill('70000');
    await page.locator('#config-from').fill('Credit team <ar@example.com>');
    expect(await page.locator('#secrets-password').getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Save' }).click();

    // The server's schema problem shows next to the port field and in the summary.
    await page.getByTestId('connection-problems').waitFor();
    await page.locator('#config-port-err').waitFor();
    expect(await page.locator('#config-port').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('connection-problems').textContent()).toContain('Port');
    await page.screenshot({ path: path.join(ARTIFACTS, 'connections-error.png'), fullPage: true });

    await page.locator('#config-port').fill(String(sink.port));
    await page.locator('#secrets-user').fill('ar-bot');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Connection “${name}” saved.` })
      .waitFor();
    expect(await page.getByTestId('connection-problems').count()).toBe(0);
    // Secrets are write-only: the edit form says which are set and never shows a value.
    expect(await page.getByTestId('secret-user').textContent()).toBe('set');
    expect(await page.getByTestId('secret-password').textContent()).toBe('not set');
    const row = page.getByTestId(`connection-${name}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Email (SMTP)');
    expect(await page.content()).not.toContain('ar-bot');

    await page.getByRole('button', { name: `Test connection — ${name}` }).click();
    const result = row.getByTestId('test-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/Connection OK — connected to 127\.0\.0\.1:\d+ · in \d+ ms/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'connections-tested.png'), fullPage: true });
    // The open editor tests the saved connection too.
    await page.locator('form.connection-editor').getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect
      .poll(() => page.locator('form.connection-editor').getByTestId('test-result').textContent(), { timeout: 60_000 })
      .toContain('Connection OK');

    const listed = (await integrator.get('/api/connections')).json() as {
      items: Array<{ name: string; config: { port: number }; secretNames: string[] }>;
    };
    const saved = listed.items.find((c) => c.name === name);
    expect(saved?.config.port).toBe(sink.port);
    expect(saved?.secretNames).toEqual(['user']);

    // Delete, with confirmation.
    await page.getByRole('button', { name: `Delete — ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Connection “${name}” deleted.` })
      .waitFor();
    await expect.poll(() => row.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('a viewer without the integrator role is told who manages connections', async () => {
    const approver = await h.login(['approver']);
    const { page, close } = await open('#/connections', approver.username);
    await page.getByTestId('connections-forbidden').waitFor();
    expect(await page.getByRole('button', { name: 'New connection' }).count()).toBe(0);
    await close();
  });

  it('a process owner extracts a record feed now and sees the KPI tiles update', async () => {
    const owner = await h.login(['process_owner']);
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const inv = (amount: string) => ({
      id: `CN-UI-${randomUUID().slice(0, 4)}`,
      amount,
      amountRemaining: { amount, currency: 'EUR' },
      total: { amount, currency: 'EUR' },
      dueDate: ago(10),
      tranDate: ago(40),
    });
    const def = feedFlow([inv('100.00'), inv('2500.00')]);
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1', definition: def });
    expect(pub.statusCode, pub.body).toBe(201);

    const { page, errors, close } = await open('#/dashboards', owner.username);
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    await page.getByTestId('tile-overdue').waitFor();
    const picker = page.getByTestId('flow-picker');
    await expect.poll(() => picker.locator(`option[value="${flowId}"]`).count(), { timeout: 15_000 }).toBe(1);
    // Record-feed flows come first.
    expect(await picker.locator('optgroup').first().getAttribute('label')).toBe('Record-feed flows');
    await picker.selectOption(flowId);
    await expect.poll(() => page.getByTestId('kpi-open').textContent(), { timeout: 15_000 }).toContain('0');
    expect(await page.getByTestId('feed-status').textContent()).toBe('No extraction yet.');
    await page.getByRole('button', { name: 'Extract now' }).click();

    const summary = page.getByTestId('sync-result');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toContain('started: 2');
    await expect
      .poll(() => page.getByTestId('feed-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Last extraction .+: 2 records read in [\d.]+ s$/);
    await expect.poll(() => page.getByTestId('kpi-open').textContent(), { timeout: 15_000 }).toBe('Open cases2');
    expect(await page.getByTestId('kpi-closed').textContent()).toBe('Closed / done0');
    // The age chart is an image with a title, backed by a data table.
    await page.getByRole('img', { name: /Open cases by age/ }).waitFor();
    await expect.poll(() => page.getByRole('img', { name: /Runs by status/ }).count(), { timeout: 15_000 }).toBe(1);
    // Receivables from the same open items: everything is 1-30 days late, all sold in the period.
    const ar = page.getByTestId('receivables-EUR');
    await expect.poll(() => ar.textContent(), { timeout: 15_000 }).toContain('€2,600.00');
    expect(await ar.textContent()).toMatch(/DSO \(days\)90\.0.*CEI0\.0 %/);
    await page.getByRole('img', { name: /Aging of open items \(EUR\)/ }).waitFor();
    await page.getByTestId('receivables').screenshot({ path: path.join(ARTIFACTS, 'dashboards-receivables.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards.png'), fullPage: true });
    // The cases under the charts: none late, both open; sorted by business key, A to Z, then Z to A.
    await expect.poll(() => page.getByText('No late case.').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('cases-show').selectOption('open');
    const keys = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="late-cases"] tbody th')].map((e) => e.textContent ?? ''),
      );
    await expect.poll(async () => (await keys()).length, { timeout: 15_000 }).toBe(2);
    const keyHeader = page.getByRole('columnheader', { name: /^Business key/ });
    await keyHeader.getByRole('button').click();
    await expect.poll(() => keyHeader.getAttribute('aria-sort')).toBe('ascending');
    const asc = await keys();
    expect(asc).toEqual([...asc].sort());
    await keyHeader.getByRole('button').click();
    await expect.poll(() => keyHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await keys()).toEqual([...asc].reverse());
    expect(await page.getByTestId('cases-export-csv').getAttribute('href')).toBe(
      `/api/flows/${flowId}/cases/export?status=open&format=csv`,
    );

    // French: labels and numbers follow the language.
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Extraire maintenant' }).waitFor();
    expect(await page.getByTestId('kpi-open').textContent()).toBe('Dossiers ouverts2');
    expect(await page.getByTestId('feed-status').textContent()).toMatch(
      /^Dernière extraction .+ : 2 enregistrements lus en [\d,]+ s$/,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-fr.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
  it('a process owner lands on the home, drills into the late runs, and filters the runs list (EN, FR)', async () => {
    const owner = await h.login(['process_owner']);
    const def = feedFlow([]);
    Object.assign(def.nodes[1]!, { label: 'Wait for the documents' });
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    const tag = `home-ui-${randomUUID().slice(0, 6)}`;
    const stuckId = randomUUID();
    const db = h.orm.em.getConnection();
    // Draft runs (version 0) of the flow: one stopped on a step that failed, one waiting.
    for (const [id, key, status, current] of [
      [stuckId, 'stuck', 'needs_attention', '{docs}'],
      [randomUUID(), 'wait', 'waiting', '{docs}'],
    ] as const)
      await db.execute(
        `insert into runs (id, workflow_id, flow_id, version, business_key, status, input, variables, current_nodes)
         values (?, ?, ?, 0, ?, ?, '{}', '{}', ?)`,
        [id, `wf-${tag}-${key}`, flowId, `${tag}-${key}`, status, current],
      );
    for (const [seq, type, node, data] of [
      [1, 'node.entered', 'feed', {}],
      [2, 'node.exited', 'feed', { next: 'docs' }],
      [3, 'node.entered', 'docs', {}],
      [4, 'error', 'docs', { message: 'SMTP ESOCKET 127.0.0.1:587' }],
    ] as const)
      await db.execute(`insert into run_events (run_id, seq, type, node_id, data) values (?, ?, ?, ?, ?::jsonb)`, [
        stuckId,
        seq,
        type,
        node,
        JSON.stringify(data),
      ]);

    const { page, errors, close } = await open('', owner.username);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await expect.poll(() => page.getByTestId('home-late').textContent()).toMatch(/^Late cases[1-9]/);
    await page.getByTestId('home-overdue').waitFor();
    await page.getByRole('img', { name: 'Cases completed per week' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'home.png'), fullPage: true });

    await page.getByTestId('home-late').click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    const table = page.getByTestId('runs-table');
    await expect.poll(() => table.textContent()).toContain(`${tag}-stuck`);
    expect(await table.textContent()).not.toContain(`${tag}-wait`);
    expect(await table.textContent()).toContain(def.name);
    expect(await page.getByRole('button', { name: 'Late' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Waiting' }).click();
    await expect.poll(() => table.textContent()).toContain(`${tag}-wait`);
    expect(await table.textContent()).not.toContain(`${tag}-stuck`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'runs.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'À traiter' }).click();
    await expect.poll(() => table.textContent()).toContain(`${tag}-stuck`);
    expect(await page.getByTestId('runs-export-csv').getAttribute('href')).toBe(
      '/api/runs/export?status=needs_attention&format=csv',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'runs-fr.png'), fullPage: true });
    // The run: its failed step in red, the history by step label, Retry and Cancel offered.
    await page.locator(`a[href="#/runs/${stuckId}"]`).click();
    await page.locator('.lf-node.deco-failed').waitFor();
    expect(await page.getByTestId('run-history').textContent()).toContain('Entrée Wait for the documents');
    expect(await page.getByTestId('run-history').textContent()).not.toMatch(/\bdocs\b/);
    await page.getByRole('button', { name: 'Relancer' }).waitFor();
    await page.getByRole('button', { name: 'Annuler l’exécution' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'run-failed-fr.png'), fullPage: true });
    await page.getByRole('link', { name: 'Accueil' }).click();
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    await expect.poll(() => page.getByTestId('home-late').textContent()).toMatch(/^Dossiers en retard[1-9]/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'home-fr.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
  it('a process owner drops a CSV on a file feed: progress, then the row report and the file in the list', async () => {
    const owner = await h.login(['process_owner']);
    const def = {
      schemaVersion: 1,
      name: `file feed ui ${Date.now()}`,
      settings: { timezone: 'Europe/Paris', calendar: 'FR' },
      variables: [],
      nodes: [
        {
          id: 'feed',
          kind: 'trigger.recordFeed',
          config: {
            connector: 'excel',
            feed: 'fileRecords',
            feedConfig: {
              columns: [
                { field: 'creditNote', type: 'string', required: true, aliases: ['N° avoir'] },
                { field: 'amount', type: 'money', required: true, aliases: ['Montant'], currency: 'EUR' },
              ],
              keyField: 'creditNote',
              locale: 'fr',
              allowedSenders: ['@bledina.test'],
            },
            cron: '0 3 1 1 *',
            businessKey: 'record.creditNote',
            onClosed: 'ignore',
          },
        },
        { id: 'docs', kind: 'waitForEvent', config: { event: 'credit.validated' } },
        { id: 'end', kind: 'end', config: { status: 'validated' } },
      ],
      edges: [
        { id: 'a', source: 'feed', target: 'docs' },
        { id: 'b', source: 'docs', target: 'end' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1', definition: def })).statusCode).toBe(201);

    const { page, errors, close } = await open(`#/dashboards?flow=${flowId}`, owner.username);
    const panel = page.getByTestId('feed-files');
    await panel.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('mail-in-address').textContent()).toBe(`feed-${flowId}@feeds.ledgerflow.local`);
    const csv = 'N° avoir;Montant\r\nAV-UI-1;10,00\r\nN° avoir;Montant\r\nAV-UI-2;abc\r\n';
    await page
      .getByTestId('feed-file-input')
      .setInputFiles({ name: 'avoirs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = page.getByTestId('feed-file-report');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.textContent();
    expect(text).toContain('Rows imported: 1');
    expect(text).toContain('Rows rejected: 1');
    expect(text).toContain('Repeated headers skipped: 1');
    expect(await report.locator('tbody tr').first().textContent()).toMatch(/^4Montant/);
    await expect
      .poll(() => page.getByTestId('feed-files-list').locator('tbody tr').first().textContent(), { timeout: 15_000 })
      .toContain('avoirs.csv');
    await panel.screenshot({ path: path.join(ARTIFACTS, 'dashboards-feed-files.png') });
    await page.getByLabel('Language').selectOption('fr');
    expect(await report.textContent()).toContain('Lignes importées : 1');
    expect(errors).toEqual([]);
    await close();
  });
  it('shows runs broken down by root cause, with exact totals per currency, in English and French', async () => {
    const owner = await h.login(['process_owner']);
    const def = {
      schemaVersion: 1,
      name: `disputes ui ${Date.now()}`,
      variables: [
        { name: 'rootCause', type: 'string' },
        { name: 'amount', type: 'money' },
      ],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [{ id: 'a', source: 't', target: 'end' }],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1', definition: def })).statusCode).toBe(201);
    for (const [i, [rootCause, amount]] of [
      ['price', '1200.10'],
      ['price', '0.20'],
      ['damaged', '75.00'],
    ].entries()) {
      expect(
        (
          await owner.post('/api/runs', {
            flowId,
            businessKey: `DSP-UI-${i}`,
            input: { rootCause, amount: { amount, currency: 'EUR' } },
          })
        ).statusCode,
      ).toBe(201);
    }
    await expect
      .poll(
        async () =>
          (await owner.get(`/api/flows/${flowId}/breakdown?groupBy=rootCause`))
            .json()
            .groups.reduce((n: number, g: { byStatus: { completed?: number } }) => n + (g.byStatus.completed ?? 0), 0),
        { timeout: 15_000 },
      )
      .toBe(3);

    const { page, errors, close } = await open(`#/dashboards?flow=${flowId}`, owner.username);
    await page.getByRole('img', { name: /Runs by rootCause/ }).waitFor({ timeout: 15_000 });
    const totals = page.getByTestId('breakdown-totals');
    await totals.waitFor();
    const rows = await totals.locator('tbody tr').allTextContents();
    expect(rows).toEqual([expect.stringMatching(/^price2.*1,200\.30/), expect.stringMatching(/^damaged1.*75\.00/)]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-breakdown.png'), fullPage: true });
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('img', { name: /Exécutions par rootCause/ }).waitFor();
    expect(await totals.locator('tbody tr').first().textContent()).toMatch(/1\s200,30\s€/);
    expect(errors).toEqual([]);
    await close();
  });
  it('a collector finds a customer and reads every contact and decision on its 360 page, in English and French', async () => {
    const owner = await h.login(['process_owner']);
    const collector = await h.login(['collector'], { groups: ['collections'] });
    const tag = randomUUID().slice(0, 6);
    const customer = `Dupont <b>${tag}</b> SA`; // markup in data must stay text
    const def = {
      schemaVersion: 1,
      name: `c360 ui ${tag}`,
      variables: [
        { name: 'customer', type: 'string' },
        { name: 'amount', type: 'money' },
      ],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'call',
          kind: 'humanTask',
          config: {
            title: 'Call about {{ businessKey }}',
            outcomes: [{ name: 'promised' }],
            assignee: { type: 'group', value: 'collections' },
            customer: 'customer',
            amount: 'amount',
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'call' },
        { id: 'b', source: 'call', target: 'end', sourceHandle: 'promised' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1', definition: def })).statusCode).toBe(201);
    for (const [key, amount] of [
      [`INV-${tag}-1`, '1200.50'],
      [`INV-${tag}-2`, '80.00'],
    ] as const) {
      expect(
        (
          await owner.post('/api/runs', {
            flowId,
            businessKey: key,
            input: { customer, amount: { amount, currency: 'EUR' } },
          })
        ).statusCode,
      ).toBe(201);
    }
    const tasks = await expect
      .poll(async () => (await collector.get(`/api/tasks?view=groups&flowId=${flowId}`)).json().items.length, {
        timeout: 15_000,
      })
      .toBe(2)
      .then(
        async () =>
          (await collector.get(`/api/tasks?view=groups&flowId=${flowId}`)).json().items as Array<{
            id: string;
            businessKey: string;
          }>,
      );
    const first = tasks.find((t) => t.businessKey === `INV-${tag}-1`)!;
    expect(
      (await collector.post(`/api/tasks/${first.id}/comments`, { body: 'Accountant promises Friday' })).statusCode,
    ).toBe(201);
    expect(
      (await collector.post(`/api/tasks/${first.id}/complete`, { outcome: 'promised', data: {} })).statusCode,
    ).toBe(200);

    const { page, errors, close } = await open('#/customers', collector.username);
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page.getByLabel('Search customers').fill(tag);
    await page.getByRole('link', { name: customer }).click();
    await page.getByRole('heading', { name: customer }).waitFor();
    expect(await page.locator('b').count()).toBe(0);
    const kpis = page.getByTestId('customer-kpis');
    await expect.poll(() => kpis.textContent()).toContain('€80.00');
    const timeline = page.getByTestId('customer-timeline');
    const items = await timeline.locator('li').allTextContents();
    expect(items[0]).toMatch(/^.+ Decision — Call about INV-.+-1 \(INV-.+-1\): promised · u-collector-/);
    expect(items.some((x) => x.includes('Comment — ') && x.includes('Accountant promises Friday'))).toBe(true);
    expect(items.filter((x) => x.includes('Task opened'))).toHaveLength(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'customer-360.png'), fullPage: true });
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Tous les contacts et décisions' }).waitFor();
    expect(await kpis.textContent()).toMatch(/80,00\s€/);
    expect(errors).toEqual([]);
    await close();
  });

  it('a collector reads the ledger KPIs of a month as of a day, days to two decimals in English and French', async () => {
    const collector = await h.login(['collector']);
    const company = `ui-${randomUUID().slice(0, 6)}`;
    const items = createLedgerItemsStore(h.orm.em.fork());
    const inv = (document: string, open: string, amount: string, dated: string, due: string): LedgerRowInput => ({
      customerId: 'C1',
      document,
      itemType: 'invoice',
      documentDate: dated,
      dueDate: due,
      currency: 'EUR',
      amount,
      openAmount: open,
    });
    const load = (at: string, rows: LedgerRowInput[]) =>
      items.ingest({ source: 'ui', company, mode: 'full', asOf: new Date(at), rows });
    // 30 Sep: A 1,000.00 open. 31 Oct: A half paid, B 2,000.00 sold in October and not yet due. October: ending 2,500.00,
    // DSO 2500 × 31 / 2000 = 38.75, best 2000 × 31 / 2000 = 31.00, ADD 7.75, CEI (1000 + 2000 − 2500) / 1000 = 50 %.
    await load('2026-09-30T12:00:00Z', [inv('A', '1000.00', '1000.00', '2026-09-01', '2026-10-01')]);
    await load('2026-10-31T12:00:00Z', [
      inv('A', '500.00', '1000.00', '2026-09-01', '2026-10-01'),
      inv('B', '2000.00', '2000.00', '2026-10-10', '2026-11-30'),
    ]);

    const { page, errors, close } = await open('#/dashboards', collector.username);
    const section = page.getByTestId('ledger-kpis');
    await section.waitFor();
    // The day typed as the user's language writes it (day first), whatever the browser's locale.
    await page.getByTestId('ledger-as-of').fill('31/10/2026');
    await page.getByTestId('ledger-as-of').press('Escape');
    await section.getByLabel('Company').fill(company);
    await section.getByLabel('Company').press('Tab');
    const eur = page.getByTestId('ledger-kpis-EUR');
    await expect.poll(() => eur.textContent(), { timeout: 15_000 }).toContain('€2,500.00');
    expect(await eur.getByTestId('ledger-dso').textContent()).toBe('DSO38.75 days');
    expect(await eur.getByTestId('ledger-best-dso').textContent()).toBe('Best possible DSO31.00 days');
    expect(await eur.getByTestId('ledger-add').textContent()).toBe('Average days delinquent7.75 days');
    expect(await eur.getByTestId('ledger-cei').textContent()).toContain('50.00 %');
    await page.getByRole('img', { name: /Aging as of 31 Oct 2026 \(EUR\)/ }).waitFor();
    await page.getByTestId('ledger-trend-table').waitFor();
    expect(await page.getByTestId('ledger-export-csv').getAttribute('href')).toContain(`company=${company}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-ledger-kpis.png'), fullPage: true });
    await page.getByRole('img', { name: /DSO by month \(EUR\)/ }).waitFor();
    await page.getByTestId('ledger-trend').screenshot({ path: path.join(ARTIFACTS, 'dashboards-ledger-trend.png') });

    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => eur.getByTestId('ledger-dso').textContent()).toBe('DSO38,75 jours');
    expect(await eur.textContent()).toMatch(/2\s500,00\s€/);
    // The month is picked and read in the user's language whatever the browser's (en-US here), and reaches the API.
    const period = page.getByTestId('ledger-period');
    const pickMonth = async (name: string) => {
      await period.click();
      const picker = page.locator('[data-dates-dropdown]');
      const shown = Number(await picker.getByRole('button', { name: /^\d{4}$/ }).textContent());
      for (let y = shown; y > 2026; y--) await picker.getByRole('button', { name: 'Année précédente' }).click();
      for (let y = shown; y < 2026; y++) await picker.getByRole('button', { name: 'Année suivante' }).click();
      await picker.getByRole('button', { name, exact: true }).click();
    };
    await pickMonth('sept.');
    await section.getByText(/^sept\. 2026\s: du /).waitFor();
    expect(await period.textContent()).toBe('septembre 2026');
    await pickMonth('oct.');
    await section.getByText(/^oct\. 2026\s: du /).waitFor();
    expect(await period.textContent()).toBe('octobre 2026');
    expect(await eur.getByTestId('ledger-dso').textContent()).toBe('DSO38,75 jours');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-ledger-kpis-fr.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
