// Human tasks and the approvers' inbox, on real Postgres + Temporal (see global-setup.ts).
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditStore } from '@ledgerflow/db';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { approvalFlow, publish } from './tasks-flow.ts';

type TaskJson = {
  id: string;
  status: string;
  runId: string;
  amount: string | null;
  businessKey: string;
  outcome: string | null;
  claimedBy: string | null;
  assignee: { type: string; value: string };
};

describe('human tasks: lifecycle, completion through the Update, and bad input', () => {
  let h: Harness;
  let owner: Agent;
  let group: string;
  let flowId: string;
  let approver: Agent;
  let approver2: Agent;
  let outsider: Agent;
  let manager: Agent;

  beforeAll(async () => {
    h = await createHarness();
    group = `cs-${randomUUID().slice(0, 8)}`;
    owner = await h.login(['process_owner']);
    approver = await h.login(['approver'], { groups: [group] });
    approver2 = await h.login(['approver'], { groups: [group] });
    outsider = await h.login(['approver'], { groups: ['someone-else'] });
    manager = await h.login(['manager']);
    flowId = await publish(owner, approvalFlow({ group, check: 'creditLimit' }));
  });
  afterAll(async () => h?.close());

  async function startCase(
    key: string,
    amount = '18000.00',
    customer = 'ACME SA',
  ): Promise<{ runId: string; task: TaskJson }> {
    const start = await owner.post('/api/runs', {
      flowId,
      businessKey: key,
      input: { creditNote: key, amount: { amount, currency: 'EUR' }, customer },
    });
    expect(start.statusCode, start.body).toBe(201);
    const { runId } = start.json() as { runId: string };
    const task = await eventually(async () => {
      const list = (await approver.get(`/api/tasks?view=groups&businessKey=${encodeURIComponent(key)}`)).json() as {
        items: TaskJson[];
      };
      return list.items.find((t) => t.runId === runId);
    });
    return { runId, task };
  }
  const runOf = async (runId: string) =>
    (await owner.get(`/api/runs/${runId}`)).json() as {
      run: { status: string; outcome: string | null };
      events: Array<{ type: string; data: Record<string, unknown> }>;
    };
  const taskOf = async (id: string, who: Agent = approver) =>
    (await who.get(`/api/tasks/${id}`)).json() as {
      task: TaskJson & { title: string; variables: Record<string, unknown>; form: Record<string, unknown> };
      history: Array<{ kind: string; reason: string | null }>;
      comments: unknown[];
      attachments: Array<{ id: string; contentType: string }>;
      permissions: Record<string, boolean>;
    };

  it('creates the task from the run, lets the assignee claim and approve it, and the run moves on', async () => {
    const key = `CN-${randomUUID().slice(0, 6)}`;
    const { runId, task } = await startCase(key);
    const detail = await taskOf(task.id);
    expect(detail.task).toMatchObject({
      title: `Approve credit note ${key}`,
      status: 'open',
      amount: '18000',
      currency: 'EUR',
      customer: 'ACME SA',
      fourEyes: true,
    });
    expect(detail.task.variables).toMatchObject({ creditNote: key });
    expect(detail.permissions.canClaim).toBe(true);

    const claimed = await approver.post(`/api/tasks/${task.id}/claim`);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ status: 'claimed', claimedBy: approver.userId });
    // claimed by someone else: the other approver of the group can neither claim nor decide it
    const steal = await approver2.post(`/api/tasks/${task.id}/claim`);
    expect(steal.statusCode).toBe(403);
    expect(steal.json().details.reason).toBe('TASK_CLAIMED_BY_OTHER');
    const comment = await approver.post(`/api/tasks/${task.id}/comments`, {
      body: 'Checked against the delivery note',
    });
    expect(comment.statusCode, comment.body).toBe(201);

    const done = await approver.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'approve',
      data: { comment: 'ok', approvedAmount: '18000.00' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', outcome: 'approve', completedBy: approver.userId });
    const run = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    expect(run.run.outcome).toBe('approved');
    const completedEv = run.events.find((e) => e.type === 'task.completed');
    expect(completedEv?.data).toMatchObject({ taskId: task.id, outcome: 'approve', by: approver.userId });
    const after = await taskOf(task.id);
    expect(after.history.map((x) => x.kind)).toEqual(['claimed', 'completed']);
    expect(after.comments).toHaveLength(1);

    // completing twice: a clear 409 and nothing changes
    const again = await approver.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'reject',
      data: { comment: 'changed my mind' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TASK_NOT_OPEN');
    expect((await taskOf(task.id)).task).toMatchObject({ status: 'completed', outcome: 'approve' });
    // the notification of the assignment was recorded in the outbox
    const outbox = (await manager.get(`/api/outbox?taskId=${task.id}`)).json() as {
      items: Array<{ key: string; subject: string; meta: { users: string[] } }>;
    };
    expect(outbox.items.map((m) => m.key)).toContain(`task:${task.id}:created`);
    expect(outbox.items[0]!.meta.users).toEqual(expect.arrayContaining([approver.username, approver2.username]));
  });

  it('refuses a completion from someone the task is not assigned to, and changes nothing', async () => {
    const { task } = await startCase(`CN-${randomUUID().slice(0, 6)}`);
    const res = await outsider.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'approve',
      data: { comment: 'mine now' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'TASK_NOT_YOURS' } });
    expect((await taskOf(task.id)).task.status).toBe('open');
    expect((await outsider.get(`/api/tasks/${task.id}`)).statusCode).toBe(403);
    expect((await outsider.get('/api/tasks?view=all')).statusCode).toBe(403);
  });

  it('refuses a form missing a required field, or an unknown outcome, with the problems; the task stays open', async () => {
    const { runId, task } = await startCase(`CN-${randomUUID().slice(0, 6)}`);
    const res = await approver.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'approve',
      data: { approvedAmount: '12.345' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('FORM_INVALID');
    expect(body.details.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      '/data/approvedAmount',
      '/data/comment',
    ]);
    const bad = await approver.post(`/api/tasks/${task.id}/complete`, { outcome: 'maybe', data: { comment: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('OUTCOME_INVALID');
    expect((await taskOf(task.id)).task.status).toBe('open');
    expect((await runOf(runId)).run.status).not.toBe('completed');
  });

  it('applies the four-eyes rule: whoever started the case cannot decide it', async () => {
    const starter = await h.login(['approver', 'process_owner'], { groups: [group] });
    const key = `CN-${randomUUID().slice(0, 6)}`;
    const { runId } = (
      await starter.post('/api/runs', {
        flowId,
        businessKey: key,
        input: { creditNote: key, amount: { amount: '20000', currency: 'EUR' } },
      })
    ).json() as { runId: string };
    const task = await eventually(async () =>
      ((await starter.get(`/api/tasks?view=groups&businessKey=${key}`)).json() as { items: TaskJson[] }).items.find(
        (t) => t.runId === runId,
      ),
    );
    expect((await taskOf(task.id, starter)).permissions.fourEyesBlocked).toBe(true);
    const res = await starter.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'approve',
      data: { comment: 'self-approval' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().details.reason).toBe('FOUR_EYES');
    expect((await taskOf(task.id)).task.status).toBe('open');
  });

  it('completes once when the same completion is sent twice at the same time (update id = task id)', async () => {
    const { runId, task } = await startCase(`CN-${randomUUID().slice(0, 6)}`);
    const [a, b] = await Promise.all([
      approver.post(`/api/tasks/${task.id}/complete`, { outcome: 'reject', data: { comment: 'no' } }),
      approver.post(`/api/tasks/${task.id}/complete`, { outcome: 'reject', data: { comment: 'no' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const run = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    expect(run.run.outcome).toBe('rejected');
    expect(run.events.filter((e) => e.type === 'task.completed')).toHaveLength(1);
    expect((await taskOf(task.id)).task.status).toBe('rejected');
  });

  it('stores attachments checked by content, refuses wrong types and oversized files, and serves them back', async () => {
    const { task } = await startCase(`CN-${randomUUID().slice(0, 6)}`);
    const upload = (filename: string, type: string, content: Buffer) => {
      const boundary = `----lf${randomUUID()}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return approver.req({
        method: 'POST',
        url: `/api/tasks/${task.id}/attachments`,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const ok = await upload('credit-note.pdf', 'application/pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ filename: 'credit-note.pdf', contentType: 'application/pdf', size: pdf.length });
    // an executable declared as a PDF: refused by its content
    const fake = await upload(
      'invoice.pdf',
      'application/pdf',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is not a pdf'),
    );
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('ATTACHMENT_TYPE');
    const html = await upload('note.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(415);
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x20);
    pdf.copy(big);
    const tooBig = await upload('huge.pdf', 'application/pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('ATTACHMENT_TOO_LARGE');
    const detail = await taskOf(task.id);
    expect(detail.attachments).toHaveLength(1);
    const dl = await approver.get(`/api/tasks/${task.id}/attachments/${detail.attachments[0]!.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await outsider.get(`/api/tasks/${task.id}/attachments/${detail.attachments[0]!.id}`)).statusCode).toBe(403);
  });

  it('runs bulk approval task by task: valid ones applied, each result reported', async () => {
    const a = await startCase(`CN-B-${randomUUID().slice(0, 6)}`);
    const b = await startCase(`CN-B-${randomUUID().slice(0, 6)}`);
    const done = await startCase(`CN-B-${randomUUID().slice(0, 6)}`);
    expect(
      (await approver.post(`/api/tasks/${done.task.id}/complete`, { outcome: 'approve', data: { comment: 'first' } }))
        .statusCode,
    ).toBe(200);
    const foreignGroup = `other-${randomUUID().slice(0, 6)}`;
    // Publishing needs someone in the group; the bulk caller is not in it.
    await h.login(['approver'], { groups: [foreignGroup] });
    const foreignFlow = await publish(owner, approvalFlow({ group: foreignGroup }));
    const key = `CN-F-${randomUUID().slice(0, 6)}`;
    const fr = (
      await owner.post('/api/runs', {
        flowId: foreignFlow,
        businessKey: key,
        input: { creditNote: key, amount: { amount: '1', currency: 'EUR' } },
      })
    ).json() as { runId: string };
    const foreign = await eventually(async () =>
      ((await manager.get(`/api/tasks?view=all&businessKey=${key}`)).json() as { items: TaskJson[] }).items.find(
        (t) => t.runId === fr.runId,
      ),
    );
    const missing = randomUUID();
    const res = await approver.post('/api/tasks/bulk', {
      action: 'complete',
      outcome: 'approve',
      data: { comment: 'bulk ok' },
      taskIds: [a.task.id, done.task.id, foreign.id, missing, b.task.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      results: Array<{ taskId: string; ok: boolean; code?: string; httpStatus?: number }>;
      succeeded: number;
      failed: number;
    };
    expect(body.succeeded).toBe(2);
    expect(body.failed).toBe(3);
    const by = Object.fromEntries(body.results.map((r) => [r.taskId, r]));
    expect(by[a.task.id]).toMatchObject({ ok: true, status: 'completed' });
    expect(by[b.task.id]).toMatchObject({ ok: true });
    expect(by[done.task.id]).toMatchObject({ ok: false, code: 'TASK_NOT_OPEN', httpStatus: 409 });
    expect(by[foreign.id]).toMatchObject({ ok: false, code: 'TASK_NOT_YOURS', httpStatus: 403 });
    expect(by[missing]).toMatchObject({ ok: false, code: 'NOT_FOUND', httpStatus: 404 });
    expect((await taskOf(foreign.id, manager)).task.status).toBe('open');
    for (const r of [a, b]) await eventually(async () => (await runOf(r.runId)).run.status === 'completed');
    // bulk reassign needs a supervisor; a mixed selection reports per task
    const c = await startCase(`CN-B-${randomUUID().slice(0, 6)}`);
    const denied = await approver.post('/api/tasks/bulk', {
      action: 'reassign',
      taskIds: [c.task.id],
      assignee: { type: 'role', value: 'manager' },
      reason: 'holiday',
    });
    expect(denied.json().results[0]).toMatchObject({ ok: false, httpStatus: 403 });
    const moved = await manager.post('/api/tasks/bulk', {
      action: 'reassign',
      taskIds: [c.task.id, a.task.id],
      assignee: { type: 'role', value: 'manager' },
      reason: 'holiday',
    });
    expect(moved.json()).toMatchObject({ succeeded: 1, failed: 1 });
    expect((await taskOf(c.task.id, manager)).task.assignee).toEqual({ type: 'role', value: 'manager' });
    // Each bulk action is one audit entry naming its caller and every task's result.
    const audit = createAuditStore(h.orm.em.fork());
    const decided = (await audit.list({ action: 'tasks.bulk_decided', actor: approver.username }, 10, 0)).rows;
    expect(decided).toHaveLength(1);
    expect(decided[0]!.details).toMatchObject({ outcome: 'approve', succeeded: 2, failed: 3 });
    expect((decided[0]!.details as { results: unknown[] }).results).toContainEqual({
      taskId: foreign.id,
      ok: false,
      code: 'TASK_NOT_YOURS',
    });
    const reassigned = (await audit.list({ action: 'tasks.bulk_reassigned', actor: manager.username }, 10, 0)).rows;
    expect(reassigned.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ assignee: { type: 'role', value: 'manager' }, reason: 'holiday', succeeded: 1 }),
    );
  });

  it('delegates and reassigns with a reason, recorded in the task history and notified', async () => {
    const { task } = await startCase(`CN-${randomUUID().slice(0, 6)}`);
    const noReason = await approver.post(`/api/tasks/${task.id}/delegate`, { to: approver2.username, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    const unknown = await approver.post(`/api/tasks/${task.id}/delegate`, { to: 'nobody-at-all', reason: 'away' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('UNKNOWN_USER');
    const del = await approver.post(`/api/tasks/${task.id}/delegate`, { to: approver2.username, reason: 'on holiday' });
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().assignee).toEqual({ type: 'user', value: approver2.userId });
    const mine = (await approver2.get('/api/tasks?view=mine')).json() as { items: TaskJson[] };
    expect(mine.items.map((t) => t.id)).toContain(task.id);
    expect((await approver.post(`/api/tasks/${task.id}/claim`)).statusCode).toBe(403);
    const re = await approver2.post(`/api/tasks/${task.id}/reassign`, {
      assignee: { type: 'role', value: 'manager' },
      reason: 'too big',
    });
    expect(re.statusCode).toBe(403);
    const re2 = await manager.post(`/api/tasks/${task.id}/reassign`, {
      assignee: { type: 'group', value: group },
      reason: 'back to the team',
    });
    expect(re2.statusCode, re2.body).toBe(200);
    const d = await taskOf(task.id);
    expect(d.history.map((x) => [x.kind, x.reason])).toEqual([
      ['delegated', 'on holiday'],
      ['reassigned', 'back to the team'],
    ]);
    const outbox = (await manager.get(`/api/outbox?taskId=${task.id}`)).json() as { items: Array<{ key: string }> };
    expect(outbox.items.some((m) => m.key.startsWith(`task:${task.id}:delegated`))).toBe(true);
  });

  it('filters by exact amount range, customer, business key and text; sorts; counts per view', async () => {
    const tag = randomUUID().slice(0, 6);
    const low = await startCase(`FLT-${tag}-1`, '15000.00', `Dupont ${tag}`);
    const high = await startCase(`FLT-${tag}-2`, '15000.01', `Dupont ${tag}`);
    await startCase(`FLT-${tag}-3`, '99.99', `Martin ${tag}`);
    const list = async (qs: string) =>
      ((await approver.get(`/api/tasks?view=groups&businessKey=FLT-${tag}&${qs}`)).json() as { items: TaskJson[] })
        .items;
    expect((await list('amountMin=15000.01')).map((t) => t.id)).toEqual([high.task.id]);
    expect((await list('amountMax=15000')).map((t) => t.amount).sort()).toEqual(['15000', '99.99']);
    expect((await list(`customer=dupont%20${tag}&sort=amount&order=asc`)).map((t) => t.id)).toEqual([
      low.task.id,
      high.task.id,
    ]);
    expect((await list('sort=amount&order=desc')).map((t) => t.amount)).toEqual(['15000.01', '15000', '99.99']);
    const search = (
      (await approver.get(`/api/tasks?view=groups&q=${encodeURIComponent(`FLT-${tag}-2`)}`)).json() as {
        items: TaskJson[];
      }
    ).items;
    expect(search.map((t) => t.id)).toEqual([high.task.id]);
    const words = (
      (await approver.get(`/api/tasks?view=groups&q=${encodeURIComponent(`approve credit FLT-${tag}-3`)}`)).json() as {
        items: TaskJson[];
      }
    ).items;
    expect(words).toHaveLength(1);
    expect((await approver.get('/api/tasks?amountMin=1e5')).statusCode).toBe(400);
    expect((await approver.get('/api/tasks?status=bogus')).statusCode).toBe(400);
    const counts = (await approver.get('/api/tasks/counts')).json() as {
      mine: number;
      groups: number;
      all: number | null;
    };
    expect(counts.groups).toBeGreaterThanOrEqual(3);
    expect(counts.all).toBeNull();
    const claimed = await approver.post(`/api/tasks/${low.task.id}/claim`);
    expect(claimed.statusCode).toBe(200);
    const mine = (await approver.get('/api/tasks?view=mine')).json() as { items: TaskJson[] };
    expect(mine.items.map((t) => t.id)).toContain(low.task.id);
    // The list row is light; the whole task (who started it, its node, four-eyes) comes with GET /api/tasks/:id.
    const row = mine.items.find((t) => t.id === low.task.id) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({
      claimedBy: expect.any(String),
      status: 'claimed',
      amount: '15000',
      currency: 'EUR',
      overdue: false,
    });
    expect(row).not.toHaveProperty('workflowId');
    expect((claimed.json() as Record<string, unknown>).workflowId).toEqual(expect.any(String));
    expect((await taskOf(low.task.id)).task).toMatchObject({
      id: low.task.id,
      nodeId: expect.any(String),
      fourEyes: expect.any(Boolean),
    });
    expect(((await approver.get('/api/tasks/counts')).json() as { mine: number }).mine).toBeGreaterThanOrEqual(1);
    expect(((await manager.get('/api/tasks/counts')).json() as { all: number }).all).toBeGreaterThanOrEqual(3);
  });

  it('exports the inbox list as CSV and XLSX with its filters and sort, only the tasks the caller may see', async () => {
    const tag = randomUUID().slice(0, 6);
    const small = await startCase(`EXP-${tag}-1`, '250.50', `=Dupont ${tag}`);
    const big = await startCase(`EXP-${tag}-2`, '1200.00', `Dupont ${tag}`);
    await startCase(`EXP-${tag}-3`, '99.99', `Martin ${tag}`);
    const qs = `view=groups&businessKey=EXP-${tag}&amountMin=100&sort=amount&order=desc`;
    const csv = await approver.get(`/api/tasks/export?${qs}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="tasks-groups-[\d-]+\.csv"$/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFtaskId,title,businessKey,customer,status,priority,assigneeType,assignee,amount,currency,dueAt,overdue,' +
        'createdAt,completedAt,outcome,runId',
    );
    // Filtered (the 99.99 task is out), sorted as asked, amounts exact with their currency, a formula-like name quoted.
    expect(lines.slice(1, -1).map((l) => l.slice(0, 36))).toEqual([big.task.id, small.task.id]);
    expect(lines[1]).toContain(`,Dupont ${tag},open,`);
    expect(lines[1]).toContain(',1200,EUR,');
    expect(lines[2]).toContain(`,'=Dupont ${tag},open,`);
    const xlsx = await approver.get(`/api/tasks/export?${qs}&format=xlsx`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getColumn(1).values.slice(2)).toEqual([big.task.id, small.task.id]);
    // Someone outside the group gets the header alone; a view they may not list is refused as on the list.
    const theirs = await outsider.get(`/api/tasks/export?${qs}&format=csv`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body.split('\r\n').slice(1)).toEqual(['']);
    expect((await outsider.get(`/api/tasks/export?view=all&format=csv`)).statusCode).toBe(403);
    // The assignee filter, on the list and on the file alike.
    const byGroup = await approver.get(`/api/tasks/export?${qs}&assignee=${group.toUpperCase()}&format=csv`);
    expect(
      byGroup.body
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.slice(0, 36)),
    ).toEqual([big.task.id, small.task.id]);
    const list = await approver.get(`/api/tasks?${qs}&assignee=someone-else`);
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
    const bad = await approver.get('/api/tasks/export?format=pdf');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it("ranks a collector's worklist: priority, then overdue first, then the biggest amount", async () => {
    const worklist = `wl-${randomUUID().slice(0, 6)}`;
    const collector = await h.login(['collector'], { groups: [worklist] });
    const callFlow = (priority: string, due?: string) => ({
      schemaVersion: 1,
      name: `calls ${priority} ${due ?? ''} ${Date.now()}`,
      variables: [{ name: 'amount', type: 'money' }],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'call',
          kind: 'humanTask',
          config: {
            title: 'Call {{ businessKey }}',
            outcomes: [{ name: 'done' }],
            assignee: { type: 'group', value: worklist },
            priority,
            amount: 'amount',
            ...(due ? { due: { type: 'date', expression: `'${due}'` } } : {}),
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'call' },
        { id: 'b', source: 'call', target: 'end', sourceHandle: 'done' },
      ],
    });
    const normal = await publish(owner, callFlow('normal', '2099-01-01'));
    const overdue = await publish(owner, callFlow('normal', '2020-01-01'));
    const urgent = await publish(owner, callFlow('urgent', '2099-01-01'));
    for (const [flowId, key, amount] of [
      [normal, 'small', '200.00'],
      [normal, 'big', '5000.00'],
      [overdue, 'late', '900.00'],
      [urgent, 'urgent', '100.00'],
    ] as const) {
      await owner.post('/api/runs', {
        flowId,
        businessKey: `${worklist}-${key}`,
        input: { amount: { amount, currency: 'EUR' } },
      });
    }
    const ranked = await eventually(async () => {
      const items = ((await collector.get('/api/tasks?view=groups&sort=rank')).json() as { items: TaskJson[] }).items;
      return items.length === 4 ? items : null;
    });
    expect(ranked.map((t) => t.businessKey)).toEqual(['urgent', 'late', 'big', 'small'].map((k) => `${worklist}-${k}`));
  });

  it('requires the fields an outcome asks for: a rejection needs its reason, an approval its amount', async () => {
    const def = {
      schemaVersion: 1,
      name: `outcome fields ${Date.now()}`,
      variables: [],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'review',
          kind: 'humanTask',
          config: {
            title: 'Review',
            assignee: { type: 'group', value: group },
            form: {
              schema: {
                type: 'object',
                properties: { reason: { type: 'string' }, approvedAmount: { type: 'string' } },
              },
            },
            outcomes: [
              { name: 'approve', requires: ['approvedAmount'] },
              { name: 'reject', requires: ['reason'] },
            ],
          },
        },
        { id: 'ok', kind: 'end', config: { status: 'approved' } },
        { id: 'ko', kind: 'end', config: { status: 'rejected' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'review' },
        { id: 'b', source: 'review', target: 'ok', sourceHandle: 'approve' },
        { id: 'c', source: 'review', target: 'ko', sourceHandle: 'reject' },
      ],
    };
    const id = await publish(owner, def);
    const key = `REQ-${randomUUID().slice(0, 6)}`;
    await owner.post('/api/runs', { flowId: id, businessKey: key, input: {} });
    const task = await eventually(
      async () =>
        (
          (await approver.get(`/api/tasks?view=groups&businessKey=${key}`)).json() as {
            items: Array<TaskJson & { outcomes: Array<{ name: string; requires?: string[] }> }>;
          }
        ).items[0],
    );
    expect(task.outcomes).toEqual([
      { name: 'approve', requires: ['approvedAmount'] },
      { name: 'reject', requires: ['reason'] },
    ]);
    for (const data of [{}, { reason: '   ' }]) {
      const res = await approver.post(`/api/tasks/${task.id}/complete`, { outcome: 'reject', data });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'FORM_INVALID',
        details: { problems: [{ path: '/data/reason', code: 'REQUIRED', message: 'reason is required to reject' }] },
      });
    }
    expect(
      (await approver.post(`/api/tasks/${task.id}/complete`, { outcome: 'approve', data: { reason: 'fine' } })).json()
        .details.problems,
    ).toEqual([expect.objectContaining({ path: '/data/approvedAmount' })]);
    const ok = await approver.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'reject',
      data: { reason: 'Duplicate of CN-1' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('assigns a task to the person the case names ({{ owner }}), and fails the run clearly when it names nobody', async () => {
    const def = {
      schemaVersion: 1,
      name: `owner task ${Date.now()}`,
      variables: [{ name: 'owner', type: 'string' }],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'review',
          kind: 'humanTask',
          config: {
            title: 'Review the dispute',
            outcomes: [{ name: 'done' }],
            assignee: { type: 'user', value: '{{ owner }}' },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'reviewed' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'review' },
        { id: 'b', source: 'review', target: 'end', sourceHandle: 'done' },
      ],
    };
    const id = await publish(owner, def);
    const key = `OWN-${randomUUID().slice(0, 6)}`;
    await owner.post('/api/runs', { flowId: id, businessKey: key, input: { owner: approver2.username } });
    const task = await eventually(
      async () =>
        ((await approver2.get(`/api/tasks?view=mine&businessKey=${key}`)).json() as { items: TaskJson[] }).items[0],
    );
    expect(task.assignee).toEqual({ type: 'user', value: approver2.username });
    expect(
      ((await approver.get(`/api/tasks?view=mine&businessKey=${key}`)).json() as { items: TaskJson[] }).items,
    ).toEqual([]);
    const { runId } = (
      await owner.post('/api/runs', { flowId: id, businessKey: `${key}-none`, input: { owner: '  ' } })
    ).json();
    const failed = await eventually(async () => {
      const r = (await owner.get(`/api/runs/${runId}`)).json();
      return r.run.status === 'failed' ? r : null;
    });
    expect(JSON.stringify(failed.run.error)).toContain(
      "task 'review': the assignee user '{{ owner }}' is empty for this case",
    );
  });

  it('lets a manager exempt the case from the named check; the run records it and moves on', async () => {
    const { runId, task } = await startCase(`CN-X-${randomUUID().slice(0, 6)}`);
    expect((await approver.post(`/api/tasks/${task.id}/exempt`, { reason: 'long-standing customer' })).statusCode).toBe(
      403,
    );
    expect((await manager.post(`/api/tasks/${task.id}/exempt`, { reason: ' ' })).statusCode).toBe(400);
    const ex = await manager.post(`/api/tasks/${task.id}/exempt`, { reason: 'long-standing customer' });
    expect(ex.statusCode, ex.body).toBe(200);
    expect(ex.json()).toEqual({ ok: true, check: 'creditLimit' });
    const run = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    expect(run.run.outcome).toBe('approved');
    expect(run.events.find((e) => e.type === 'exemption')?.data).toMatchObject({
      check: 'creditLimit',
      reason: 'long-standing customer',
      userId: manager.userId,
    });
    expect(run.events.find((e) => e.type === 'task.completed')?.data).toMatchObject({
      exempted: true,
      taskId: task.id,
    });
    const t = await eventually(async () => {
      const d = await taskOf(task.id);
      return d.task.status === 'completed' ? d : null;
    });
    expect(t.task).toMatchObject({ outcome: 'approve', completedBy: manager.userId });
  });

  it('a cancelled run settles its open task itself (one writer); the safety net finds nothing to repair', async () => {
    const { runId, task } = await startCase(`CN-R-${randomUUID().slice(0, 6)}`);
    expect((await owner.post(`/api/runs/${runId}/cancel`)).statusCode).toBe(200);
    await eventually(async () => (await runOf(runId)).run.status === 'cancelled');
    const d = await eventually(async () => {
      const x = await taskOf(task.id);
      return x.task.status === 'cancelled' ? x : null;
    });
    expect(d.history.at(-1)).toMatchObject({ kind: 'cancelled', reason: 'the run was cancelled' });
    const late = await approver.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'approve',
      data: { comment: 'too late' },
    });
    expect(late.statusCode).toBe(409);
    const admin = await h.login(['admin']);
    const res = await admin.post('/api/tasks/reconcile', { taskIds: [task.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ repaired: [] });
  });

  it('gives a claim by two users at once to exactly one of them, decided by the run', async () => {
    const { task } = await startCase(`CN-C-${randomUUID().slice(0, 6)}`);
    const [a, b] = await Promise.all([
      approver.post(`/api/tasks/${task.id}/claim`),
      approver2.post(`/api/tasks/${task.id}/claim`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 403]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    const winner = a.statusCode === 200 ? approver : approver2;
    expect(lost.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'TASK_CLAIMED_BY_OTHER' } });
    expect(won.json()).toMatchObject({ status: 'claimed', claimedBy: winner.userId });
    const d = await taskOf(task.id);
    expect(d.task).toMatchObject({ status: 'claimed', claimedBy: winner.userId });
    expect(d.history.map((x) => x.kind)).toEqual(['claimed']);
  });

  it('pushes new and changed tasks to the inbox over SSE', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = h.app.server.address() as { port: number };
    const ac = new AbortController();
    const res = await fetch(`http://127.0.0.1:${addr.port}/api/tasks/stream`, {
      headers: { cookie: approver.cookie },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const key = `CN-S-${randomUUID().slice(0, 6)}`;
    const started = startCase(key);
    const { task } = await started;
    await eventually(
      async () => {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        return text.includes(task.id);
      },
      15_000,
      0,
    );
    expect(text).toContain('event: task');
    await approver.post(`/api/tasks/${task.id}/claim`);
    await eventually(
      async () => {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        return text.includes('"status":"claimed"');
      },
      15_000,
      0,
    );
    ac.abort();
    // an outsider's stream is not told about tasks of other groups
    const res2 = await fetch(`http://127.0.0.1:${addr.port}/api/tasks/stream`, {
      headers: { cookie: outsider.cookie },
    });
    const r2 = res2.body!.getReader();
    const first = new TextDecoder().decode((await r2.read()).value);
    expect(first).toContain('event: ready');
    await approver.post(`/api/tasks/${task.id}/unclaim`);
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(''), 1500));
    const next = await Promise.race([r2.read().then((x) => new TextDecoder().decode(x.value)), timeout]);
    expect(next).not.toContain(task.id);
    await r2.cancel();
  });

  it('repaired no task row during these tests: the runs wrote every change themselves', async () => {
    const admin = await h.login(['admin']);
    const res = await admin.post('/api/tasks/reconcile', { minAgeSeconds: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ repaired: [], repairsTotal: 0 });
  });
});
