// Task notices by email: an assignment reaches the assignee's mailbox through an email connection, in
// their language, once — whatever the number of dispatch passes or workers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { startTaskNoticeDispatcher } from '@ledgerflow/engine';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('task notices by email', () => {
  it('mails a new task to each member of the group in their language, once, and marks the notice sent', async () => {
    const group = `notices-${randomUUID().slice(0, 6)}`;
    const claire = await h.login(['approver'], {
      groups: [group],
      email: `claire-${group}@ledgerflow.test`,
      locale: 'fr',
    });
    await h.login(['approver'], { groups: [group], email: `tom-${group}@ledgerflow.test`, locale: 'en' });
    await h.login(['approver'], { groups: [group] }); // no address: nothing to send, no failure
    const integrator = await h.login(['integrator']);
    const mail = `notices-${group}`;
    expect(
      (
        await integrator.post('/api/connections', {
          name: mail,
          connectorId: 'email',
          config: {
            host: '127.0.0.1',
            port: sink.port,
            secure: false,
            ignoreTLS: true,
            from: 'Ledgerflow <no-reply@ledgerflow.test>',
          },
          secrets: {},
        })
      ).statusCode,
    ).toBe(201);
    const def = {
      schemaVersion: 1,
      name: `notices ${group}`,
      variables: [],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'approve',
          kind: 'humanTask',
          config: {
            title: 'Approve credit note {{ businessKey }}',
            outcomes: [{ name: 'approve' }],
            assignee: { type: 'group', value: group },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'approved' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'approve' },
        { id: 'b', source: 'approve', target: 'end', sourceHandle: 'approve' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' })).statusCode).toBe(201);
    const key = `CN-N-${group}`;
    await owner.post('/api/runs', { flowId, businessKey: key, input: {} });
    const task = await eventually(
      async () =>
        (await claire.get(`/api/tasks?view=groups&businessKey=${key}`)).json().items[0] as { id: string } | undefined,
    );
    const notice = async () =>
      (await owner.get(`/api/outbox?taskId=${task.id}`))
        .json()
        .items.find((m: { key: string }) => m.key === `task:${task.id}:created`);
    expect(await eventually(notice)).toMatchObject({ status: 'pending' });

    // Two dispatchers (two workers) pass over the same notices: SKIP LOCKED and the per-recipient keys keep it to one email each.
    const deps = { orm: h.orm, registry: h.registry, secrets: h.secrets, logger: quiet };
    const a = startTaskNoticeDispatcher(deps, {
      connection: mail,
      publicUrl: 'https://ledgerflow.example',
      intervalMs: 60_000,
    });
    const b = startTaskNoticeDispatcher(deps, {
      connection: mail,
      publicUrl: 'https://ledgerflow.example',
      intervalMs: 60_000,
    });
    try {
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce()]);
      const mine = () => sink.list().filter((m) => m.to.some((t) => t.includes(group)));
      const got = await eventually(async () => (mine().length >= 2 ? mine() : null));
      expect(got).toHaveLength(2);
      const fr = got.find((m) => m.to.includes(`claire-${group}@ledgerflow.test`))!;
      const en = got.find((m) => m.to.includes(`tom-${group}@ledgerflow.test`))!;
      expect(fr.subject).toBe(`Nouvelle tâche : Approve credit note ${key}`);
      expect(en.subject).toBe(`New task: Approve credit note ${key}`);
      expect(en.text).toContain(`https://ledgerflow.example/#/inbox/${task.id}`);
      expect(await notice()).toMatchObject({ status: 'sent' });
      await b.runOnce();
      expect(mine()).toHaveLength(2);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
