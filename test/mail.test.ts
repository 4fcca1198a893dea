// A dunning email end to end: a flow's email action sends through a real SMTP server (the local sink),
// the outbox records it once, and the API shows what arrived — as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('email through the outbox to the local SMTP sink', () => {
  it('sends a French dunning letter once, and lists it as text', async () => {
    const integrator = await h.login(['integrator']);
    const name = `sink-${Date.now()}`;
    const c = await integrator.post('/api/connections', {
      name,
      connectorId: 'email',
      config: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        from: 'Credit team <ar@ledgerflow.test>',
      },
      secrets: {},
    });
    expect(c.statusCode, c.body).toBe(201);
    const def = {
      schemaVersion: 1,
      name: 'dunning level 1',
      variables: [
        { name: 'customer', type: 'object' },
        { name: 'items', type: 'list' },
      ],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'mail',
          kind: 'action',
          config: {
            connector: 'email',
            action: 'send',
            connectionId: name,
            outputVariable: 'sent',
            inputs: {
              to: '[customer.email]',
              template: "'dunning-1-friendly'",
              language: "'fr'",
              data: '{"customer": customer, "items": items, "totalDue": "1234.50", "currency": "EUR", "company": {"name": "ACME SA"}}',
            },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'sent' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'mail' },
        { id: 'b', source: 'mail', target: 'end' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
    expect(pub.statusCode, pub.body).toBe(201);
    const items = [{ documentNumber: 'F-2026-001', dueDate: '2026-10-01', amount: '1234.50', currency: 'EUR' }];
    const { runId } = (
      await owner.post('/api/runs', {
        flowId,
        businessKey: 'C-42',
        input: { customer: { name: 'Dupont <script>alert(1)</script>', email: 'compta@dupont.test' }, items },
      })
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
    expect(run.variables.sent).toMatchObject({ status: 'sent', language: 'fr' });

    const mail = (await owner.get('/api/mail')).json();
    expect(mail.enabled).toBe(true);
    const got = mail.items.filter((m: { to: string[] }) => m.to.includes('compta@dupont.test'));
    expect(got).toHaveLength(1);
    expect(got[0].subject).toContain('Dupont');
    expect(got[0].text).toContain('F-2026-001');
    expect(JSON.stringify(mail)).not.toContain('<p>');
    // The HTML part that reached the sink escaped the customer's name.
    const raw = sink.list().find((m) => m.to.includes('compta@dupont.test'))!;
    expect(raw.html).toContain('&lt;script&gt;');
    expect(raw.html).not.toContain('<script>');
    const [out] = await h.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ status: string; channel: string }>>(
        `select status, channel from outbox_messages where subject = ?`,
        [got[0].subject],
      );
    expect(out).toMatchObject({ status: 'sent', channel: 'email' });
  });
});
