// Slice E of #15 on the real stack: publishing refuses an email action that names no usable connection (the
// problem names the node by its label), and fixed input values reach the connector literally — an address and a
// bare template name that as formulas would be a jsonata error and `undefined`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
let mailConnection: string;
beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  const integrator = await h.login(['integrator']);
  mailConnection = `inputs-sink-${Date.now()}`;
  const c = await integrator.post('/api/connections', {
    name: mailConnection,
    connectorId: 'email',
    config: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, from: 'AR <ar@ledgerflow.test>' },
    secrets: {},
  });
  expect(c.statusCode, c.body).toBe(201);
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

function reminderFlow(connectionId: string | undefined) {
  return {
    schemaVersion: 1,
    name: `reminder ${Date.now()}`,
    variables: [{ name: 'creditNote', type: 'string' }],
    nodes: [
      { id: 't', kind: 'trigger.manual', config: {} },
      {
        id: 'n4',
        kind: 'action',
        label: 'Approve credit note',
        config: {
          connector: 'email',
          action: 'send',
          ...(connectionId ? { connectionId } : {}),
          outputVariable: 'sent',
          inputs: {
            to: { value: ['manager@bledina.example'] },
            template: { value: 'task-reminder' },
            language: { value: 'fr' },
            data: '{"assignee": {"name": "Marie"}, "flow": {"name": "Avoirs"}, "task": {"title": "Avoir " & creditNote, "url": "http://localhost/inbox"}}',
          },
        },
      },
      { id: 'end', kind: 'end', config: { status: 'sent' } },
    ],
    edges: [
      { id: 'a', source: 't', target: 'n4' },
      { id: 'b', source: 'n4', target: 'end' },
    ],
  };
}

describe('designer inputs and connections at publish', () => {
  it('refuses to publish an email action with no connection, or a connection that is gone, naming the node', async () => {
    for (const connectionId of [undefined, 'no-such-mail']) {
      const flowId = (await owner.post('/api/flows', { definition: reminderFlow(connectionId) })).json().id;
      const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
      expect(pub.statusCode, pub.body).toBe(400);
      const body = pub.json();
      expect(body.code).toBe('FLOW_INVALID');
      expect(body.details.problems).toEqual([
        expect.objectContaining({
          code: 'CONNECTION_REQUIRED',
          nodeId: 'n4',
          path: '/nodes/1/config/connectionId',
          message: expect.stringMatching(/^Approve credit note: /),
        }),
      ]);
    }
  });

  it('sends to a fixed address with a fixed template name, taken literally', async () => {
    const flowId = (await owner.post('/api/flows', { definition: reminderFlow(mailConnection) })).json().id;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
    expect(pub.statusCode, pub.body).toBe(201);
    const { runId } = (
      await owner.post('/api/runs', { flowId, businessKey: 'CN-77', input: { creditNote: 'CN-77' } })
    ).json();
    const run = await eventually(
      async () => {
        const r = (await owner.get(`/api/runs/${runId}`)).json();
        return r.run.status === 'completed' ? r.run : null;
      },
      30_000,
      100,
      async () => (await owner.get(`/api/runs/${runId}`)).json(),
    );
    expect(run.variables.sent).toMatchObject({ status: 'sent', template: 'task-reminder', language: 'fr' });
    const got = sink.list().filter((m) => m.to.includes('manager@bledina.example'));
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain('CN-77');
  });
});
