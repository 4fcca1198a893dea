// Slice F of #15 on the real stack: letters are data. The shipped files are version 1 in the database (seeded
// once, never overwriting an edit); a process owner's edit sends nothing until published, then the engine sends
// it through the SMTP sink; the preview lists the variables a letter uses and those the data lacks; publishing a
// flow whose letter needs a variable its email action cannot give is refused, naming node and variable; roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createEmailTemplateStore } from '@ledgerflow/db';
import { shippedLetters } from '@ledgerflow/connector-email';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
let mailConnection: string;
// No other test reads this letter's words, so editing it cannot change what they see.
const LETTER = { name: 'task-escalated', language: 'fr' };
let letterId: string;
let original: { subject: string; html: string; text: string };

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  const integrator = await h.login(['integrator']);
  mailConnection = `letters-sink-${Date.now()}`;
  const c = await integrator.post('/api/connections', {
    name: mailConnection,
    connectorId: 'email',
    config: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, from: 'AR <ar@ledgerflow.test>' },
    secrets: {},
  });
  expect(c.statusCode, c.body).toBe(201);
  const list = (await owner.get('/api/email-templates')).json().templates as Array<Record<string, unknown>>;
  const row = list.find((t) => t.name === LETTER.name && t.language === LETTER.language && t.tone === '');
  letterId = row!.id as string;
  const detail = (await owner.get(`/api/email-templates/${letterId}`)).json();
  original = detail.versions.at(-1);
});
// Letters this file creates carry this prefix; afterAll removes them so later files see only the shipped ones.
const CREATED = `test-new-letter-${Date.now()}`;
afterAll(async () => {
  const conn = h?.orm.em.fork().getConnection();
  await conn?.execute(`delete from email_templates where name like ?`, [`${CREATED}%`]);
  // Puts the shipped words back as the newest version for whoever runs next on this database.
  if (letterId && original) {
    await owner.put(`/api/email-templates/${letterId}/draft`, original);
    await owner.post(`/api/email-templates/${letterId}/publish`, { comment: 'restored' });
  }
  await h?.close();
  await sink?.close();
});

const escalationData =
  '{"assignee": {"name": "Marie"}, "flow": {"name": "Avoirs"}, "task": {"title": "Avoir " & creditNote, "url": "http://localhost/inbox"}}';

function letterFlow(node: Record<string, unknown>) {
  return {
    schemaVersion: 1,
    name: `letters ${Date.now()} ${Math.random()}`,
    variables: [{ name: 'creditNote', type: 'string' }],
    nodes: [
      { id: 't', kind: 'trigger.manual', config: {} },
      { id: 'mail', kind: 'action', label: 'Escalate by email', config: { connector: 'email', ...node } },
      { id: 'end', kind: 'end', config: { status: 'sent' } },
    ],
    edges: [
      { id: 'a', source: 't', target: 'mail' },
      { id: 'b', source: 'mail', target: 'end' },
    ],
  };
}

const escalation = (to: string, data: string) => ({
  action: 'send',
  connectionId: mailConnection,
  outputVariable: 'sent',
  inputs: { to: { value: [to] }, template: { value: LETTER.name }, language: { value: 'fr' }, data },
});

async function publishFlow(def: unknown) {
  const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
  return { flowId, pub: await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' }) };
}

async function runToEnd(flowId: string, key: string) {
  const { runId } = (await owner.post('/api/runs', { flowId, businessKey: key, input: { creditNote: key } })).json();
  await eventually(
    async () => (await owner.get(`/api/runs/${runId}`)).json().run.status === 'completed',
    30_000,
    100,
    async () => (await owner.get(`/api/runs/${runId}`)).json(),
  );
  return runId as string;
}

describe('letters as data', () => {
  it('seeds every shipped letter as version 1, once, and never overwrites it', async () => {
    const shipped = await shippedLetters();
    const list = (await owner.get('/api/email-templates')).json().templates as Array<Record<string, unknown>>;
    for (const s of shipped)
      expect(list.some((t) => t.name === s.name && t.language === s.language && t.tone === '')).toBe(true);
    expect(list.find((t) => t.name === 'dunning-customer-1-friendly' && t.language === 'fr')).toMatchObject({
      publishedVersion: expect.any(Number),
    });
    const store = createEmailTemplateStore(h.orm.em.fork());
    expect(await store.seed(shipped)).toBe(0);
    expect(original.subject).toBe('Escalade : {{ task.title }}\n');
  });

  it('sends the edited letter once it is published, not before', async () => {
    const to = `escalation-${Date.now()}@bledina.example`;
    const { flowId, pub } = await publishFlow(letterFlow(escalation(to, escalationData)));
    expect(pub.statusCode, pub.body).toBe(201);
    const draft = await owner.put(`/api/email-templates/${letterId}/draft`, {
      subject: 'Relance urgente : {{ task.title }}',
      html: '<p>Madame, Monsieur {{ assignee.name }}, la tâche {{ task.title }} attend.</p>',
      text: 'Texte revu par le métier : {{ task.title }} attend {{ assignee.name }}.',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ hasDraft: true, draft: { subject: 'Relance urgente : {{ task.title }}' } });

    await runToEnd(flowId, 'CN-1');
    const before = sink.list().filter((m) => m.to.includes(to));
    expect(before.map((m) => m.subject)).toEqual(['Escalade : Avoir CN-1']);

    const published = await owner.post(`/api/email-templates/${letterId}/publish`, { comment: 'plus direct' });
    expect(published.statusCode, published.body).toBe(200);
    const version = published.json().version as number;
    expect(version).toBeGreaterThan(1);
    const audit = await h.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ action: string; after: Record<string, unknown> }>>(
        `select action, after from audit_log where target_id = ? and action = 'template.published'`,
        [letterId],
      );
    expect(audit.map((a) => a.after)).toContainEqual(expect.objectContaining({ name: LETTER.name, version }));

    // Publishing a flow again is not needed: the next run reads the letter in force.
    await runToEnd(flowId, 'CN-2');
    const after = sink.list().filter((m) => m.to.includes(to) && m.subject?.includes('CN-2'));
    expect(after.map((m) => [m.subject, m.text?.trim()])).toEqual([
      ['Relance urgente : Avoir CN-2', 'Texte revu par le métier : Avoir CN-2 attend Marie.'],
    ]);
    // A shipped file seeded again leaves the edit in force.
    await createEmailTemplateStore(h.orm.em.fork()).seed(await shippedLetters());
    expect((await owner.get(`/api/email-templates/${letterId}`)).json()).toMatchObject({ publishedVersion: version });
  });

  it('previews against given data, a run, or sample values, listing used and missing variables', async () => {
    const url = `/api/email-templates/${letterId}/preview`;
    const partial = await owner.post(url, {
      text: 'Bonjour {{ assignee.name }}, {{ task.title }}{% if task.dueDate %} avant {{ task.dueDate }}{% endif %} : {{ task.url }}',
      data: { task: { title: 'Avoir CN-9' } },
    });
    expect(partial.statusCode, partial.body).toBe(200);
    const p = partial.json();
    expect(p.variables).toEqual(expect.arrayContaining(['assignee.name', 'task.title', 'task.dueDate', 'task.url']));
    // task.dueDate is read only under its own {% if %}: without it the letter just has no deadline sentence.
    expect(p.missing).toEqual(['assignee.name', 'task.url']);
    expect(p.text).toBe('Bonjour , Avoir CN-9 : ');

    const sample = (await owner.post(`${url}?sample=true`, {})).json();
    expect(sample.missing).toEqual([]);
    expect(sample.subject).toMatch(/‹task\.title›/);
    expect(sample.html).toContain('<!doctype html>');

    const { flowId } = await publishFlow(letterFlow(escalation('preview@bledina.example', escalationData)));
    const runId = await runToEnd(flowId, 'CN-3');
    const fromRun = (await owner.post(`${url}?runId=${runId}`, { subject: 'Dossier {{ creditNote }}' })).json();
    expect(fromRun.subject).toBe('Dossier CN-3');

    const broken = await owner.post(url, { subject: 'Oups {% if %}' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('LETTER_INVALID');
  });

  it('refuses to publish a flow whose letter needs a variable its email action does not give', async () => {
    const noTask = '{"assignee": {"name": "Marie"}, "flow": {"name": "Avoirs"}}';
    const { pub } = await publishFlow(letterFlow(escalation('refused@bledina.example', noTask)));
    expect(pub.statusCode, pub.body).toBe(400);
    const problems = pub.json().details.problems as Array<Record<string, string>>;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems)
      expect(problem).toMatchObject({
        code: 'LETTER_VARIABLE_UNAVAILABLE',
        nodeId: 'mail',
        path: '/nodes/1/config/inputs/data',
        message: expect.stringMatching(/^Escalate by email: the letter 'task-escalated' uses task\./),
      });
    // The letter in force (edited above) reads task.title; the shipped one read task.url too.
    expect(problems.map((x) => x.message).join('\n')).toContain('task.title');
  });

  it('sends a plain email typed in the node, once', async () => {
    const to = `plain-${Date.now()}@bledina.example`;
    const { flowId, pub } = await publishFlow(
      letterFlow({
        action: 'sendPlain',
        connectionId: mailConnection,
        outputVariable: 'sent',
        inputs: {
          to: { value: [to] },
          subject: { value: 'Avoir {{ creditNote }} reçu' },
          body: { value: 'Bonjour,\nnous avons bien reçu l’avoir {{ creditNote }}.' },
        },
      }),
    );
    expect(pub.statusCode, pub.body).toBe(201);
    await runToEnd(flowId, 'CN-5');
    const got = sink.list().filter((m) => m.to.includes(to));
    expect(got.map((m) => [m.subject, m.text?.trim()])).toEqual([
      ['Avoir CN-5 reçu', 'Bonjour,\nnous avons bien reçu l’avoir CN-5.'],
    ]);
  });

  it('lets process owners and integrators edit letters, nobody else', async () => {
    for (const role of ['collector', 'manager', 'approver'] as const) {
      const other = await h.login([role]);
      expect((await other.get('/api/email-templates')).statusCode).toBe(403);
      expect((await other.post(`/api/email-templates/${letterId}/publish`, {})).statusCode).toBe(403);
    }
    const integrator = await h.login(['integrator']);
    expect((await integrator.get(`/api/email-templates/${letterId}`)).statusCode).toBe(200);
    const csv = await integrator.get('/api/email-templates/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFname,language,tone,publishedVersion,publishedAt,publishedBy,draft,draftSavedAt,draftSavedBy',
    );
    expect(csv.body).toMatch(/\r\ntask-escalated,fr,,\d+,/);
    const xlsx = await integrator.get('/api/email-templates/export?format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await integrator.get('/api/email-templates/export?format=pdf')).statusCode).toBe(400);
  });

  it('filters the letters list and its export alike: name contains (any case, % is a letter) and language', async () => {
    const list = await owner.get('/api/email-templates?q=ESCALATED&language=fr');
    expect(list.statusCode).toBe(200);
    const names = (list.json() as { templates: Array<{ name: string; language: string }> }).templates;
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((t) => t.name.includes('escalated') && t.language === 'fr')).toBe(true);
    const csv = await owner.get('/api/email-templates/export?format=csv&q=ESCALATED&language=fr');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.split('\r\n').slice(1, -1);
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(names.map((t) => `${t.name},fr`));
    expect(lines.some((l) => l.startsWith('task-escalated,fr,'))).toBe(true);
    // A letter the filter leaves out is not in the file.
    expect(csv.body).not.toMatch(/\r\n[^,]*,en,/);
    const none = await owner.get('/api/email-templates/export?format=csv&q=%25');
    expect(none.body.split('\r\n').slice(1)).toEqual(['']);
  });
});

describe('new letters and new languages or tones of a letter', () => {
  it('creates a letter, then a German firm variant starting from its text, each a draft, audited', async () => {
    const created = await owner.post('/api/email-templates', { name: CREATED, language: 'fr' });
    expect(created.statusCode, created.body).toBe(201);
    const letter = created.json();
    expect(letter).toMatchObject({ name: CREATED, language: 'fr', tone: '', publishedVersion: null, hasDraft: true });
    const saved = await owner.put(`/api/email-templates/${letter.id}/draft`, {
      subject: 'Relance {{ invoice }}',
      html: '<p>Bonjour</p>',
      text: 'Bonjour',
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const variant = await owner.post('/api/email-templates', {
      name: CREATED,
      language: 'DE',
      tone: 'firm',
      from: letter.id,
    });
    expect(variant.statusCode, variant.body).toBe(201);
    expect(variant.json()).toMatchObject({
      language: 'de',
      tone: 'firm',
      publishedVersion: null,
      draft: { subject: 'Relance {{ invoice }}', html: '<p>Bonjour</p>', text: 'Bonjour' },
    });
    const listed = (await owner.get('/api/email-templates')).json().templates as Array<Record<string, unknown>>;
    expect(listed.filter((t) => t.name === CREATED).map((t) => [t.language, t.tone])).toEqual([
      ['de', 'firm'],
      ['fr', ''],
    ]);
    const [audit] = await h.orm.em
      .fork()
      .getConnection()
      .execute(`select action, after from audit_log where target_id = ? and action = 'template.created'`, [
        variant.json().id,
      ]);
    expect(audit?.after).toMatchObject({ name: CREATED, language: 'de', tone: 'firm', from: letter.id });
  });

  it('refuses a duplicate (409), a language that is not ISO 639-1 or a bad name or tone (400)', async () => {
    const first = await owner.post('/api/email-templates', { name: `${CREATED}-dup`, language: 'es', tone: 'firm' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await owner.post('/api/email-templates', { name: `${CREATED}-dup`, language: 'es', tone: 'firm' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'LETTER_EXISTS']);
    for (const language of ['zz', 'german', 'd', '']) {
      const bad = await owner.post('/api/email-templates', { name: `${CREATED}-lang`, language });
      expect([language, bad.statusCode, bad.json().code]).toEqual([language, 400, 'LETTER_LANGUAGE_INVALID']);
    }
    const name = await owner.post('/api/email-templates', { name: 'Relance 2', language: 'fr' });
    expect([name.statusCode, name.json().code]).toEqual([400, 'LETTER_NAME_INVALID']);
    const tone = await owner.post('/api/email-templates', {
      name: `${CREATED}-tone`,
      language: 'fr',
      tone: 'Très ferme',
    });
    expect([tone.statusCode, tone.json().code]).toEqual([400, 'LETTER_TONE_INVALID']);
    const missing = await owner.post('/api/email-templates', {
      name: `${CREATED}-from`,
      language: 'fr',
      from: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lets only process owners and integrators create letters', async () => {
    for (const role of ['collector', 'manager', 'approver'] as const) {
      const other = await h.login([role]);
      const r = await other.post('/api/email-templates', { name: `${CREATED}-role`, language: 'it' });
      expect(r.statusCode).toBe(403);
    }
    const integrator = await h.login(['integrator']);
    const r = await integrator.post('/api/email-templates', { name: `${CREATED}-role`, language: 'it' });
    expect(r.statusCode, r.body).toBe(201);
  });
});
