// Issue #15's "Done when", in real Chromium on the real stack (API, Postgres, Temporal, worker, SMTP sink): a process
// owner working in French, who never types JSON or a formula, draws a credit-note approval from an empty canvas,
// rewrites the reminder letter, publishes, runs it with "18 250,00", a manager approves in the French inbox, and the
// French letter reaches the outbox. Every UI step goes through a counter, which refuses text that looks like JSON.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '@ledgerflow/api';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { eventually } from '../helpers/api-harness.ts';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../helpers/browser-harness.ts';

const PASSWORD = 'correct horse battery staple';
let stack: BrowserStack;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  stack = await startBrowserStack({ mailSink: sink });
});
afterAll(async () => {
  if (stack) await restoreShippedReminders();
  await stack?.close();
  await sink?.close();
});

/**
 * The test publishes its own text of the task-reminder letter; the letters live in the database the other test files
 * share, and they read the shipped text. Each edited variant goes back to its first (shipped) version.
 */
async function restoreShippedReminders() {
  const owner = await stack.h.login(['process_owner']);
  const { templates } = (await owner.get('/api/email-templates')).json() as {
    templates: Array<{ id: string; name: string; publishedVersion: number | null }>;
  };
  for (const t of templates.filter((x) => x.name === 'task-reminder' && (x.publishedVersion ?? 1) > 1)) {
    const { versions } = (await owner.get(`/api/email-templates/${t.id}`)).json() as {
      versions: Array<{ subject: string; html: string; text: string }>;
    };
    const shipped = versions.at(-1)!;
    const body = { subject: shipped.subject, html: shipped.html, text: shipped.text };
    expect((await owner.put(`/api/email-templates/${t.id}/draft`, body)).statusCode).toBe(200);
    expect(
      (await owner.post(`/api/email-templates/${t.id}/publish`, { comment: 'back to the shipped letter' })).statusCode,
    ).toBe(200);
  }
}

/** The UI steps a person takes (clicks, fills, picks, drags, key presses), counted; no fill may be JSON. */
class Steps {
  n = 0;
  async click(l: Locator, position?: { x: number; y: number }) {
    this.n++;
    await l.click(position ? { position } : undefined);
  }
  async fill(l: Locator, text: string) {
    if (/^\s*[[{]/.test(text)) throw new Error(`a process owner never types JSON: ${text}`);
    this.n++;
    await l.fill(text);
  }
  async pick(l: Locator, option: string | { label: string }) {
    this.n++;
    await l.selectOption(option);
  }
  async drag(from: Locator, to: Locator, targetPosition?: { x: number; y: number }) {
    this.n++;
    await from.dragTo(to, targetPosition ? { targetPosition } : undefined);
  }
  async press(page: Page, key: string) {
    this.n++;
    await page.keyboard.press(key);
  }
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, h: string) =>
  node(page, id).locator(`.react-flow__handle[data-handleid="${h}"]`);

/** The page as it is in French, then in English, then back to French (screenshots only, not counted). */
async function shots(page: Page, name: string) {
  const lang = page.getByLabel(/^(Langue|Language)$/);
  await page.screenshot({ path: path.join(ARTIFACTS, `process-owner-${name}-fr.png`), fullPage: true });
  await lang.selectOption('en');
  await page.screenshot({ path: path.join(ARTIFACTS, `process-owner-${name}-en.png`), fullPage: true });
  await lang.selectOption('fr');
}

describe('a process owner alone, in French, on the real stack', () => {
  it('draws, writes the letter, publishes, runs with 18 250,00; a manager approves; the letter is sent', async () => {
    const { h, base, browser } = stack;
    const tag = randomUUID().slice(0, 6);
    const owner = `po-${tag}`;
    const manager = `mgr-${tag}`;
    await createUser(h.orm, { username: owner, password: PASSWORD, roles: ['process_owner'] });
    await createUser(h.orm, { username: manager, password: PASSWORD, roles: ['approver', 'manager'] });
    // The mail connection, set up by an integrator beforehand; the owner only picks it.
    const mailName = `mail-${tag}`;
    const integrator = await h.login(['integrator']);
    const conn = await integrator.post('/api/connections', {
      name: mailName,
      connectorId: 'email',
      config: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, from: 'AR <ar@ledgerflow.test>' },
      secrets: {},
    });
    expect(conn.statusCode, conn.body).toBe(201);
    const recipient = `controle-${tag}@bledina.example`;

    const s = new Steps();
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'fr-FR' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await s.fill(page.locator('input[name="username"]'), owner);
    await s.fill(page.locator('input[name="password"]'), PASSWORD);
    await s.press(page, 'Enter');
    await s.pick(page.getByLabel(/^(Langue|Language)$/), 'fr');
    // 4 (first, so the drawing is never left unsaved). The reminder letter's French text, with its preview.
    await s.click(page.getByRole('link', { name: 'Courriers' }));
    const row = page
      .locator('tbody tr')
      .filter({ hasText: 'task-reminder' })
      .filter({ has: page.getByRole('cell', { name: 'FR', exact: true }) });
    await s.click(row.getByRole('link', { name: 'task-reminder' }));
    const letterText = `Bonjour, un avoir attend votre contrôle (${tag}).`;
    await s.fill(page.getByLabel('Objet'), `Rappel : avoir à contrôler ${tag}`);
    await s.fill(page.getByLabel('Corps HTML'), `<p>${letterText}</p>`);
    await s.fill(page.getByLabel('Corps texte'), letterText);
    await expect.poll(() => page.getByTestId('preview-text').textContent(), { timeout: 10_000 }).toBe(letterText);
    await s.click(page.getByRole('button', { name: 'Publier' }));
    await page.locator('.letter-form p.ok').waitFor();
    await shots(page, '3-letter');

    await s.click(page.getByRole('link', { name: 'Flux', exact: true }));
    await s.click(page.getByRole('button', { name: 'Nouveau flux' }));
    await page.locator('.react-flow__node').first().waitFor();

    // 1. An empty canvas.
    const pane = page.locator('.react-flow__pane');
    await s.click(pane);
    await s.press(page, 'Control+a');
    await s.press(page, 'Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await shots(page, '1-empty-canvas');

    // 2. trigger → decision → approval → reminder → wait → end, from the palette.
    const search = page.getByLabel('Chercher un nœud');
    const drop = async (query: string, name: string | RegExp, x: number, y: number) => {
      await s.fill(search, query);
      await s.drag(page.getByRole('button', { name, exact: typeof name === 'string' }), pane, { x, y });
    };
    await drop('manuel', 'Démarrage manuel', 320, 30);
    await drop('décision', 'Décision', 320, 170);
    await drop('tâche', 'Tâche humaine', 320, 310);
    await drop('modèle', /^E-mail \(SMTP\).*Envoyer un e-mail à partir d’un modèle/, 320, 450);
    await drop('attente', 'Attente', 320, 590);
    await drop('fin', 'Fin', 320, 730);
    await drop('fin', 'Fin', 680, 450);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await s.drag(handle(page, 'trigger_manual_1', 'next'), handle(page, 'decision_1', 'in'));
    await s.drag(handle(page, 'decision_1', 'yes'), handle(page, 'humanTask_1', 'in'));
    await s.drag(handle(page, 'decision_1', 'no'), handle(page, 'end_2', 'in'));
    await s.drag(handle(page, 'humanTask_1', 'approved'), handle(page, 'action_1', 'in'));
    await s.drag(handle(page, 'humanTask_1', 'rejected'), handle(page, 'end_2', 'in'));
    await s.drag(handle(page, 'action_1', 'next'), handle(page, 'wait_1', 'in'));
    await s.drag(handle(page, 'wait_1', 'next'), handle(page, 'end_1', 'in'));

    // The input: an amount, in money.
    await s.click(pane, { x: 40, y: 800 });
    await s.click(page.getByRole('button', { name: 'Ajouter', exact: true }));
    await s.fill(page.getByLabel('Nom de la variable 1'), 'amount');
    await s.pick(page.getByLabel('Type de la variable 1'), 'money');
    // The previews' sample data is a form over the declared variables, not JSON to edit.
    await page.getByRole('group', { name: 'Données d’exemple pour les aperçus' }).waitFor();
    expect(await page.locator('#sample-data').count()).toBe(0);

    // Decision: amount above 15 000,00 EUR, with the rule builder.
    await s.click(node(page, 'decision_1'));
    await s.click(page.getByRole('button', { name: 'Ajouter une condition' }));
    await s.pick(page.getByLabel('Variable', { exact: true }), 'amount');
    await s.pick(page.getByLabel('Opérateur', { exact: true }), 'amountGt');
    await s.fill(page.getByLabel('Valeur (amount)', { exact: true }), '15 000,00');
    await expect.poll(() => node(page, 'decision_1').textContent()).toMatch(/15\s?000/);

    // Manager approval, due in 2 days, with an expired branch drawn as soon as it appears.
    await s.click(node(page, 'humanTask_1'));
    await s.fill(page.getByLabel('Titre de la tâche'), 'Valider l’avoir');
    await s.pick(page.getByLabel(/^Attribuée à .*/).first(), 'user');
    await s.fill(page.getByLabel(/^Attribuée à /).nth(1), manager);
    const due = page.locator('fieldset.wait-editor', { hasText: 'Échéance' }).getByLabel('Attente (en toutes lettres)');
    await s.fill(due, '2 jours');
    await handle(page, 'humanTask_1', 'expired').waitFor();
    await s.drag(handle(page, 'humanTask_1', 'expired'), handle(page, 'end_2', 'in'));

    // Email reminder: the mail connection from the picker, a fixed recipient, the reminder letter in French.
    await s.click(node(page, 'action_1'));
    await s.fill(page.getByLabel('Libellé', { exact: true }), 'Rappel au contrôle');
    await s.pick(page.getByLabel('Connexion *', { exact: true }), { label: mailName });
    await s.fill(page.getByLabel('Destinataires *', { exact: true }), recipient);
    await s.fill(page.getByLabel('Modèle de lettre *', { exact: true }), 'task-reminder');
    await s.fill(page.getByLabel('Langue *', { exact: true }), 'fr');

    // Wait until the 5th working day of next month, typed as a phrase.
    await s.click(node(page, 'wait_1'));
    await s.fill(page.getByLabel('Attente (en toutes lettres)'), 'jusqu’au 5e jour ouvré du mois prochain');
    await expect.poll(() => page.locator('.wait-editor').textContent()).toContain('Prochaine date');
    await s.click(pane, { x: 40, y: 800 });
    await s.click(page.getByRole('tab', { name: /^Problèmes/ }));
    // Problems (0), or the list of what is left in the failure message.
    await expect
      .poll(
        async () =>
          (await page.getByRole('tab', { name: /Problèmes \(0\)/ }).count())
            ? ''
            : page.locator('.props, ul.problems').first().innerText(),
        { timeout: 20_000 },
      )
      .toBe('');
    await shots(page, '2-flow-drawn');

    // 5. Publish the flow.
    await s.fill(page.getByLabel('Qu’est-ce qui a changé ?'), 'première version');
    await s.click(page.getByRole('button', { name: 'Publier' }));
    await page
      .getByText(/Version publiée 1|version 1/i)
      .first()
      .waitFor({ timeout: 15_000 });

    // 6. Run it with 18 250,00, typed as French writes it.
    await s.click(page.getByRole('tab', { name: 'Exécution de test' }));
    await s.fill(page.locator('.test-run').getByLabel('amount', { exact: true }), '18 250,00');
    await s.click(page.getByRole('button', { name: 'Lancer le test' }));
    await expect
      .poll(() => page.locator('.test-run p strong').textContent(), { timeout: 30_000 })
      .toMatch(/attente|waiting/i);
    await shots(page, '4-run-waiting');

    // 7. The manager approves in the French inbox.
    const mctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    const mpage = await mctx.newPage();
    mpage.on('pageerror', (e) => errors.push(e.message));
    await mpage.goto(`${base}/#/inbox`);
    await s.fill(mpage.locator('input[name="username"]'), manager);
    await s.fill(mpage.locator('input[name="password"]'), PASSWORD);
    await s.press(mpage, 'Enter');
    await s.pick(mpage.getByLabel(/^(Langue|Language)$/), 'fr');
    await mpage.getByRole('heading', { name: 'Boîte de réception' }).waitFor();
    await s.click(mpage.getByRole('tab', { name: /^Mes tâches/ }));
    await s.click(mpage.getByRole('link', { name: /Valider l’avoir/ }).first());
    await shots(mpage, '5-inbox-task');
    await s.click(mpage.getByRole('button', { name: 'Approuver' }));
    await expect
      .poll(() => mpage.getByTestId('task-status').textContent(), { timeout: 20_000 })
      .not.toMatch(/open|ouverte/i);
    await mctx.close();

    // 8. The French letter in the outbox.
    const ownerApi = await h.login(['process_owner']);
    const sent = await eventually(async () => {
      const mail = (await ownerApi.get('/api/mail')).json() as {
        items: { to: string[]; subject: string; text: string }[];
      };
      return mail.items.find((m) => m.to.includes(recipient)) ?? null;
    }, 30_000);
    expect(sent.subject).toBe(`Rappel : avoir à contrôler ${tag}`);
    expect(sent.text).toContain(letterText);

    console.log(`process_owner_ui_steps=${s.n}`);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
