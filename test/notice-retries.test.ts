// Task notices that tell the truth: a recipient without an address is "no address", never "sent"; a notice the
// mail server refuses is retried with backoff until the attempts run out, then failed; Resend puts it back and
// the recipient gets one email; the task page lists whom the notices did not reach.
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { messageIdFor } from '@ledgerflow/connector-email';
import { startTaskNoticeDispatcher } from '@ledgerflow/engine';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
let closedPort: number;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const FROM = 'Ledgerflow <no-reply@ledgerflow.test>';
const UP = `notices-up-${randomUUID().slice(0, 6)}`;
const DOWN = `notices-down-${randomUUID().slice(0, 6)}`;

type Notice = {
  key: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  recipients: string[];
};

/** A port nothing listens on: the mail server is down. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  closedPort = await freePort();
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  const integrator = await h.login(['integrator']);
  for (const [name, port] of [
    [UP, sink.port],
    [DOWN, closedPort],
  ] as const) {
    const config = { host: '127.0.0.1', port, secure: false, ignoreTLS: true, from: FROM };
    const res = await integrator.post('/api/connections', { name, connectorId: 'email', config, secrets: {} });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

function dispatcher(connection: string) {
  return startTaskNoticeDispatcher(
    { orm: h.orm, registry: h.registry, secrets: h.secrets, logger: quiet },
    {
      connection,
      publicUrl: 'https://ledgerflow.example',
      intervalMs: 600_000,
      retryBackoffMs: [1500],
      maxAttempts: 3,
    },
  );
}

/**
 * Notices other test files left pending (no dispatcher runs in the shared test stack) are put off a day, so a
 * dispatcher pass here, which claims the oldest due notices first, reaches this test's own.
 */
async function setAsideOthersPending(): Promise<void> {
  await h.orm.em
    .fork()
    .getConnection()
    .execute(`update outbox_messages set next_attempt_at = now() + interval '1 day' where status = 'pending'`);
}

/** Publishes a one-task flow for `group`, starts a run and returns the task's id and its "created" notice key. */
async function taskFor(group: string): Promise<{ taskId: string; key: string }> {
  const definition = {
    schemaVersion: 1,
    name: `notice retries ${group}`,
    variables: [],
    nodes: [
      { id: 't', kind: 'trigger.manual', config: {} },
      {
        id: 'approve',
        kind: 'humanTask',
        config: {
          title: 'Approve {{ businessKey }}',
          outcomes: [{ name: 'ok' }],
          assignee: { type: 'group', value: group },
        },
      },
      { id: 'end', kind: 'end', config: { status: 'approved' } },
    ],
    edges: [
      { id: 'a', source: 't', target: 'approve' },
      { id: 'b', source: 'approve', target: 'end', sourceHandle: 'ok' },
    ],
  };
  const flowId = (await owner.post('/api/flows', { definition })).json().id as string;
  expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' })).statusCode).toBe(201);
  const businessKey = `NR-${group}`;
  expect((await owner.post('/api/runs', { flowId, businessKey, input: {} })).statusCode).toBeLessThan(300);
  const task = await eventually(
    async () =>
      (await owner.get(`/api/tasks?view=all&businessKey=${businessKey}`)).json().items[0] as { id: string } | undefined,
  );
  const key = `task:${task.id}:created`;
  await eventually(() => notice(task.id, key));
  return { taskId: task.id, key };
}

async function notice(taskId: string, key: string): Promise<Notice | undefined> {
  const items = (await owner.get(`/api/outbox?taskId=${taskId}`)).json().items as Notice[];
  return items.find((m) => m.key === key);
}
const unreachable = async (taskId: string) =>
  (await owner.get(`/api/tasks/${taskId}`)).json().unreachable as Array<{ username: string; status: string }>;
const resend = (agent: Agent, key: string) => agent.post(`/api/outbox/${encodeURIComponent(key)}/resend`);
const mailsTo = (group: string) => sink.list().filter((m) => m.to.some((t) => t.includes(group)));

describe('task notices that tell the truth', () => {
  it('records a recipient without an address (or disabled) as no_address, mails nobody, and lists them', async () => {
    const group = `noaddr-${randomUUID().slice(0, 6)}`;
    const nobody = await h.login(['approver'], { groups: [group] });
    const gone = await h.login(['approver'], { groups: [group], email: `gone-${group}@ledgerflow.test` });
    await setAsideOthersPending();
    // Disabled after the notice was recorded: it still names them, and they must not be written to.
    const { taskId, key } = await taskFor(group);
    await h.orm.em.fork().getConnection().execute('update users set disabled = true where id = ?', [gone.userId]);

    const d = dispatcher(UP);
    try {
      await d.runOnce();
      expect(await notice(taskId, key)).toMatchObject({ status: 'no_address', attempts: 1, nextAttemptAt: null });
      expect(mailsTo(group)).toHaveLength(0);
      const listed = await unreachable(taskId);
      expect(listed.map((u) => [u.username, u.status]).sort()).toEqual(
        [
          [nobody.username, 'no_address'],
          [gone.username, 'no_address'],
        ].sort(),
      );

      // Still nobody with an address: resending would only repeat the same answer.
      const refused = await resend(owner, key);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('NOTICE_NO_ADDRESS');

      // Given an address since, the user is resolved again and written to, once.
      const address = `nobody-${group}@ledgerflow.test`;
      await h.orm.em
        .fork()
        .getConnection()
        .execute('update users set email = ? where id = ?', [address, nobody.userId]);
      const again = await resend(owner, key);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'pending', attempts: 0, recipients: [address] });
      await d.runOnce();
      await d.runOnce();
      expect(mailsTo(group).map((m) => m.to)).toEqual([[address]]);
      expect(await notice(taskId, key)).toMatchObject({ status: 'sent' });
      expect((await unreachable(taskId)).map((u) => u.username)).toEqual([gone.username]);
    } finally {
      await d.stop();
    }
  });

  it('retries a refused notice with backoff, fails it after the limit, and Resend delivers it once', async () => {
    const group = `down-${randomUUID().slice(0, 6)}`;
    const ann = await h.login(['approver'], { groups: [group], email: `ann-${group}@ledgerflow.test` });
    await setAsideOthersPending();
    const { taskId, key } = await taskFor(group);
    const down = dispatcher(DOWN);
    try {
      const before = Date.now();
      expect(await down.runOnce()).toEqual({ sent: 0, failed: 0 });
      const first = (await notice(taskId, key))!;
      expect(first).toMatchObject({ status: 'pending', attempts: 1 });
      expect(first.lastError).toContain('ECONNREFUSED');
      const due = Date.parse(first.nextAttemptAt!);
      expect(due).toBeGreaterThan(before + 1000);
      expect(due).toBeLessThan(Date.now() + 1600);

      // Not due yet: the dispatcher leaves it alone.
      await down.runOnce();
      expect(await notice(taskId, key)).toMatchObject({ attempts: 1, status: 'pending' });
      expect(await unreachable(taskId)).toEqual([]);

      const second = await eventually(async () => {
        await down.runOnce();
        const n = await notice(taskId, key);
        return n && n.attempts === 2 ? n : null;
      });
      expect(second.status).toBe('pending');
      const third = await eventually(async () => {
        await down.runOnce();
        const n = await notice(taskId, key);
        return n && n.attempts === 3 ? n : null;
      });
      expect(third).toMatchObject({ status: 'failed', nextAttemptAt: null });
      expect(await unreachable(taskId)).toMatchObject([{ username: ann.username, status: 'failed' }]);
    } finally {
      await down.stop();
    }
    expect(mailsTo(group)).toHaveLength(0);

    for (const role of ['collector', 'viewer'] as const) {
      const res = await resend(await h.login([role]), key);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await notice(taskId, key))!.status).toBe('failed');
    const manager = await h.login(['manager']);
    const res = await resend(manager, key);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null });
    const [audit] = await h.orm.em
      .fork()
      .getConnection()
      .execute(`select actor_username, before, after from audit_log where action = 'notice.resent' and target_id = ?`, [
        key,
      ]);
    expect(audit).toMatchObject({ actor_username: manager.username, before: { status: 'failed' } });
    const again = await resend(manager, key);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('NOTICE_NOT_RESENDABLE');

    const up = dispatcher(UP);
    try {
      await Promise.all([up.runOnce(), up.runOnce()]);
      await up.runOnce();
    } finally {
      await up.stop();
    }
    const got = mailsTo(group);
    expect(got).toHaveLength(1);
    expect(got[0]!.messageId).toBe(messageIdFor(`notice:${key}:${ann.username}`, FROM));
    expect(await notice(taskId, key)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await notice(taskId, key))!.lastError).toContain('ECONNREFUSED');
    expect(await unreachable(taskId)).toEqual([]);
  });

  it('answers 404 for an unknown notice and 400 for a key that is not a task notice', async () => {
    expect((await resend(owner, `task:${randomUUID()}:created`)).statusCode).toBe(404);
    expect((await resend(owner, 'wf-1:send:1')).statusCode).toBe(400);
  });
});
