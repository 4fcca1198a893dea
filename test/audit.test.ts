// Issue #12: the audit log (append-only, who/what/when/where, no secrets), its admin list and CSV/XLSX export, and
// the per-case chain from rule version to decision, approver and ERP write.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditStore } from '@ledgerflow/db';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let admin: Agent;
let owner: Agent;
let integrator: Agent;
const started = new Date(Date.now() - 1000).toISOString();

type Entry = {
  id: string;
  at: string;
  action: string;
  actorUsername: string | null;
  ip: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown>;
};

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login(['admin']);
  owner = await h.login(['process_owner']);
  integrator = await h.login(['integrator']);
});
afterAll(async () => {
  await h?.close();
});

const entries = async (query: string): Promise<Entry[]> => {
  const res = await admin.get(`/api/admin/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Entry[] }).items;
};
const rawRows = (targetId: string) =>
  h.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ row: unknown }>>('select row_to_json(a) as row from audit_log a where target_id = ?', [targetId]);
const failLogin = (username: string) =>
  h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'not the password' },
    headers: { 'user-agent': 'audit-test' },
  });

/** RFC 4180 CSV as rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') {
      (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    } else field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

describe('audit log', () => {
  it('records logins that succeed and fail, with the address and the name tried', async () => {
    const ok = await h.login(['viewer']);
    const [succeeded] = await entries(`action=login.succeeded&actor=${ok.username}`);
    expect(succeeded).toMatchObject({ actorUsername: ok.username, targetType: 'user', targetId: ok.userId });
    expect(succeeded!.ip).toBeTruthy();

    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    expect((await failLogin(ghost)).statusCode).toBe(401);
    const failed = await entries(`action=login.failed&actor=${ghost}`);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actorUsername: ghost, ip: '127.0.0.1' });
  });

  it('records connections created, changed and deleted without any secret value', async () => {
    const secret = `s3cret-${randomUUID()}`;
    const created = await integrator.post('/api/connections', {
      name: `audit-sap-${randomUUID().slice(0, 8)}`,
      connectorId: 'sap',
      config: { baseUrl: 'http://127.0.0.1:9', auth: { type: 'basic', user: 'LF_USER' } },
      secrets: { password: secret },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const secret2 = `s3cret-${randomUUID()}`;
    expect((await integrator.put(`/api/connections/${id}`, { secrets: { password: secret2 } })).statusCode).toBe(200);
    expect((await integrator.req({ method: 'DELETE', url: `/api/connections/${id}` })).statusCode).toBe(200);

    const list = await entries(`targetType=connection&targetId=${id}`);
    expect(list.map((e) => e.action)).toEqual(['connection.deleted', 'connection.changed', 'connection.created']);
    expect(list.every((e) => e.actorUsername === integrator.username)).toBe(true);
    expect(list[2]!.after).toMatchObject({ id, connectorId: 'sap', secretNames: ['password'] });
    expect(list[0]!.before).toMatchObject({ id });
    const rows = JSON.stringify(await rawRows(id));
    expect(rows).toContain(id);
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(secret2);
  });

  it('records a flow publication with the version and hash', async () => {
    const created = await owner.post('/api/flows', {
      definition: {
        schemaVersion: 1,
        name: `audit flow ${randomUUID().slice(0, 6)}`,
        variables: [],
        nodes: [
          { id: 't', kind: 'trigger.manual', config: {} },
          { id: 'end', kind: 'end', config: { status: 'done' } },
        ],
        edges: [{ id: 'a', source: 't', target: 'end' }],
      },
    });
    const flowId = created.json().id as string;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'first' });
    expect(pub.statusCode, pub.body).toBe(201);
    const [entry] = await entries(`action=flow.published&targetId=${flowId}`);
    expect(entry).toMatchObject({
      actorUsername: owner.username,
      targetType: 'flow',
      before: { activeVersion: null },
      after: { activeVersion: 1, hash: pub.json().hash },
      details: { comment: 'first' },
    });
  });

  it('refuses to update or delete an entry, at the database level', async () => {
    const conn = h.orm.em.fork().getConnection();
    await expect(conn.execute(`update audit_log set actor_username = 'someone else'`)).rejects.toThrow(
      /audit_log is append-only \(UPDATE refused\)/,
    );
    await expect(conn.execute('delete from audit_log')).rejects.toThrow(/audit_log is append-only \(DELETE refused\)/);
    expect((await entries('limit=1')).length).toBe(1);
  });

  it('records an entry written under a key once, however often its step is retried', async () => {
    const key = `test:${randomUUID()}`;
    const store = createAuditStore(h.orm.em.fork());
    const entry = {
      action: 'task.routed',
      actorId: null,
      actorUsername: null,
      ip: null,
      userAgent: null,
      targetType: 'task',
      targetId: key,
      before: null,
      after: null,
      details: {},
      dedupeKey: key,
    };
    await store.insert(entry);
    await store.insert(entry);
    expect(await entries(`targetType=task&targetId=${encodeURIComponent(key)}`)).toHaveLength(1);
  });

  it('fails the request when its entry cannot be written: no login succeeds without its trace', async () => {
    const name = `nolog-${randomUUID().slice(0, 8)}`;
    const password = 'correct horse battery staple';
    await h.login(['viewer'], { username: name });
    const conn = h.orm.em.fork().getConnection();
    // A real refusal by Postgres, for this one user name only (other test files share the database).
    await conn.execute(`create function audit_refuse_${name.replace('-', '_')}() returns trigger language plpgsql as $$
      begin raise exception 'audit store down'; end $$`);
    await conn.execute(`create trigger audit_refuse before insert on audit_log for each row
      when (new.actor_username = '${name}') execute function audit_refuse_${name.replace('-', '_')}()`);
    try {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password } });
      expect(res.statusCode).toBe(500);
      expect(res.cookies.find((c) => c.name === 'lf_session')).toBeUndefined();
    } finally {
      await conn.execute('drop trigger audit_refuse on audit_log');
      await conn.execute(`drop function audit_refuse_${name.replace('-', '_')}()`);
    }
  });

  it('is for admins only: the list and the export answer 403 to every other role', async () => {
    for (const who of [owner, integrator, await h.login(['manager'])]) {
      expect((await who.get('/api/admin/audit')).statusCode).toBe(403);
      expect((await who.get('/api/admin/audit/export?format=csv')).statusCode).toBe(403);
      expect((await who.get('/api/admin/audit/export?format=xlsx')).statusCode).toBe(403);
    }
    expect((await admin.get('/api/admin/audit?from=yesterday')).json().code).toBe('VALIDATION_FAILED');
  });

  it('exports the filtered list as CSV and XLSX, formulas escaped with an apostrophe', async () => {
    expect((await failLogin('=SUM(1)')).statusCode).toBe(401);
    const formulaFilter = `action=login.failed&from=${encodeURIComponent(started)}&actor=${encodeURIComponent('=SUM(1)')}`;
    const csvFormula = await admin.get(`/api/admin/audit/export?format=csv&${formulaFilter}`);
    expect(csvFormula.statusCode, csvFormula.body).toBe(200);
    const formulaRows = parseCsv(csvFormula.body);
    expect(formulaRows[0]![3]).toBe('actor');
    expect(formulaRows.slice(1).map((r) => r[3])).toEqual(["'=SUM(1)"]);
    const xlsxFormula = await admin.get(`/api/admin/audit/export?format=xlsx&${formulaFilter}`);
    const formulaBook = new ExcelJS.Workbook();
    await formulaBook.xlsx.load(xlsxFormula.rawPayload as unknown as ArrayBuffer);
    const cell = formulaBook.worksheets[0]!.getRow(2).getCell(4);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("'=SUM(1)");

    const p = `exp${randomUUID().slice(0, 8)}`;
    for (const name of [`${p}-alice`, `${p}-bob`, `${p}-carol`]) expect((await failLogin(name)).statusCode).toBe(401);
    const filter = `actor=${p}&action=login.failed`;
    const list = await entries(filter);
    expect(list).toHaveLength(3);

    const csv = await admin.get(`/api/admin/audit/export?format=csv&${filter}`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    // A byte-order mark first, so Excel reads the file as UTF-8.
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.body.slice(1));
    expect(rows[0]).toEqual([
      'id',
      'at',
      'action',
      'actor',
      'ip',
      'userAgent',
      'targetType',
      'targetId',
      'before',
      'after',
      'details',
    ]);
    const expected = list.map((e) => [e.id, e.at, e.action, e.actorUsername, e.ip, 'audit-test']);
    expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual(expected);

    const xlsx = await admin.get(`/api/admin/audit/export?format=xlsx&${filter}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const sheetRows: string[][] = [];
    sheet.eachRow((row) =>
      sheetRows.push(Array.from({ length: rows[0]!.length }, (_, i) => String(row.getCell(i + 1).value ?? ''))),
    );
    expect(sheetRows).toEqual(rows);
  });
});

describe('per-case audit chain', () => {
  it('links the rule version, the decision, the approver and the ERP write, in order', async () => {
    const group = `audit-${randomUUID().slice(0, 6)}`;
    const approver = await h.login(['approver'], { groups: [group] });
    const created = await owner.post('/api/flows', {
      definition: {
        schemaVersion: 1,
        name: `audit chain ${group}`,
        settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
        variables: [
          { name: 'amount', type: 'money', required: true },
          { name: 'customer', type: 'string' },
        ],
        nodes: [
          { id: 't', kind: 'trigger.manual', config: {} },
          {
            id: 'threshold',
            kind: 'decision',
            label: 'Over 1,000 EUR?',
            config: {
              outcomes: [
                {
                  name: 'needsApproval',
                  when: { all: [{ fact: 'amount', operator: 'amountGt', value: { amount: '1000', currency: 'EUR' } }] },
                },
              ],
              defaultOutcome: 'auto',
            },
          },
          {
            id: 'approve',
            kind: 'humanTask',
            config: {
              title: 'Approve',
              customer: 'customer',
              outcomes: [
                { name: 'approve', label: 'Approve' },
                { name: 'reject', label: 'Reject', kind: 'reject' },
              ],
              assignee: { type: 'group', value: group },
              fourEyes: false,
            },
          },
          {
            id: 'post',
            kind: 'action',
            config: { connector: 'builtin', action: 'echo', inputs: { value: "'posted'" }, outputVariable: 'erp' },
          },
          { id: 'end', kind: 'end', config: { status: 'done' } },
          { id: 'endRejected', kind: 'end', config: { status: 'rejected' } },
        ],
        edges: [
          { id: 'a', source: 't', target: 'threshold' },
          { id: 'b', source: 'threshold', target: 'approve', sourceHandle: 'needsApproval' },
          { id: 'b2', source: 'threshold', target: 'end', sourceHandle: 'auto' },
          { id: 'c', source: 'approve', target: 'post', sourceHandle: 'approve' },
          { id: 'c2', source: 'approve', target: 'endRejected', sourceHandle: 'reject' },
          { id: 'd', source: 'post', target: 'end' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const flowId = created.json().id as string;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
    expect(pub.statusCode, pub.body).toBe(201);
    const key = `AC-${randomUUID().slice(0, 6)}`;
    const customer = `Audit Customer ${key}`;
    const start = await owner.post('/api/runs', {
      flowId,
      businessKey: key,
      input: { amount: { amount: '5000.00', currency: 'EUR' }, customer },
    });
    expect(start.statusCode, start.body).toBe(201);
    const runId = start.json().runId as string;
    const task = await eventually(async () => {
      const list = (await approver.get(`/api/tasks?view=groups&businessKey=${key}`)).json() as {
        items: Array<{ id: string; runId: string }>;
      };
      return list.items.find((t) => t.runId === runId);
    });
    expect((await approver.post(`/api/tasks/${task.id}/claim`)).statusCode).toBe(200);
    const done = await approver.post(`/api/tasks/${task.id}/complete`, { outcome: 'approve', data: {} });
    expect(done.statusCode, done.body).toBe(200);
    await eventually(async () => (await owner.get(`/api/runs/${runId}`)).json().run.status === 'completed');

    const chain = await owner.get(`/api/runs/${runId}/audit-chain`);
    expect(chain.statusCode, chain.body).toBe(200);
    const steps = chain.json().steps as Array<Record<string, unknown>>;
    expect(steps.map((s) => s.kind)).toEqual(['version', 'decision', 'approval', 'erp_write']);
    expect(steps[0]).toMatchObject({ flowId, version: 1, hash: pub.json().hash, publishedBy: owner.username });
    // Steps name their node by its label (the id when it has none), as the run's history does.
    expect(steps[1]).toMatchObject({
      nodeId: 'threshold',
      nodeLabel: 'Over 1,000 EUR?',
      outcome: 'needsApproval',
      matched: ['needsApproval'],
    });
    const events = (await owner.get(`/api/runs/${runId}`)).json().events as Array<Record<string, unknown>>;
    expect(events.find((e) => e.type === 'decision')).toMatchObject({
      nodeId: 'threshold',
      nodeLabel: 'Over 1,000 EUR?',
    });
    expect(steps[2]).toMatchObject({
      nodeId: 'approve',
      nodeLabel: 'approve',
      taskId: task.id,
      outcome: 'approve',
      by: approver.username,
      byId: approver.userId,
    });
    expect(steps[3]).toMatchObject({
      nodeId: 'post',
      connector: 'builtin',
      action: 'echo',
      ok: true,
      idempotencyKey: `run-${runId}:post:1:1`,
      result: { value: 'posted' },
    });
    const at = steps.map((s) => Date.parse(String(s.at)));
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    const cases = await owner.get(`/api/customers/${encodeURIComponent(customer)}/cases`);
    expect(cases.statusCode, cases.body).toBe(200);
    expect(cases.json().items).toEqual([expect.objectContaining({ runId, businessKey: key, flowId, version: 1 })]);
    expect((await approver.get(`/api/customers/${encodeURIComponent(customer)}/cases`)).statusCode).toBe(403);

    // The chain is read like the run: the approver who decided sees it, a stranger gets RUN_NOT_VISIBLE.
    expect((await approver.get(`/api/runs/${runId}/audit-chain`)).statusCode).toBe(200);
    const stranger = await h.login(['approver'], { groups: ['nobody'] });
    const refused = await stranger.get(`/api/runs/${runId}/audit-chain`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details.reason).toBe('RUN_NOT_VISIBLE');
  });
});
