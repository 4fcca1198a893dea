import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorTestKit, createMemoryOutbox, invokeAction, testConnection } from '@ledgerflow/connector-sdk';
import { connector, messageIdFor } from '../src/index.ts';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';

let sink: SmtpSink;
let authSink: SmtpSink;
const from = 'AR Team <ar@ledgerflow.test>';
const conn = (s: SmtpSink, secrets: Record<string, string> = {}) => ({
  config: { host: '127.0.0.1', port: s.port, secure: false, from, ignoreTLS: true, timeoutMs: 5000 },
  secrets,
});

const dunning = {
  customer: { name: 'Dupont & Fils' },
  company: { name: 'Ledgerflow Demo' },
  items: [{ documentNumber: 'F-1', dueDate: '2024-11-30', amount: '1234.56', currency: 'EUR' }],
  totalDue: '1234.56',
  currency: 'EUR',
};

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0 });
  authSink = await createSmtpSink({ port: 0, auth: { user: 'ar', password: 's3cret' } });
});
afterAll(async () => {
  await sink.close();
  await authSink.close();
});
beforeEach(() => sink.clear());

describe('email.send against the local SMTP sink', () => {
  it('sends a French dunning letter with a file and a generated statement PDF attached', async () => {
    const kit = connectorTestKit(connector, { connection: conn(sink) });
    const csv = Buffer.from('doc;amount\nF-1;1234,56\n');
    const out = (await kit.run(
      'send',
      {
        to: ['client@example.com'],
        template: 'dunning-1',
        tone: 'friendly',
        language: 'fr',
        data: dunning,
        attachments: [{ filename: '../../etc/items.csv', contentType: 'text/csv', base64: csv.toString('base64') }],
        statement: {
          customer: { name: 'Dupont & Fils', number: 'C-42', language: 'fr' },
          statementDate: '2024-12-31',
          timezone: 'Europe/Paris',
          openItems: [
            {
              documentNumber: 'F-1',
              type: 'invoice',
              documentDate: '2024-10-31',
              dueDate: '2024-11-30',
              amount: '1234.56',
              currency: 'EUR',
            },
          ],
        },
      },
      'dunning-C42-level1',
    )) as Record<string, unknown>;
    expect(out).toMatchObject({
      status: 'sent',
      template: 'dunning-1-friendly',
      language: 'fr',
      languageFallback: false,
      accepted: ['client@example.com'],
      messageId: messageIdFor('dunning-C42-level1', from),
    });
    const [m] = sink.list();
    expect(m!.messageId).toBe(out.messageId);
    expect(m!.subject).toBe('Petit rappel : 1 facture(s) en attente pour Dupont & Fils');
    expect(m!.envelope).toEqual({ from: 'ar@ledgerflow.test', to: ['client@example.com'] });
    expect(m!.text).toContain('Total dû : 1\u202f234,56\u00a0€');
    expect(m!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['items.csv', 'text/csv'],
      ['statement-C-42-2024-12-31.pdf', 'application/pdf'],
    ]);
    expect(m!.attachments[0]!.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(Buffer.from(m!.attachments[1]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(m!.headers['x-ledgerflow-idempotency-key']).toBe('dunning-C42-level1');
    expect(sink.get(m!.id)).toBe(m);
  });

  it('falls back to English when the language has no template', async () => {
    const kit = connectorTestKit(connector, { connection: conn(sink) });
    const out = (await kit.run('send', {
      to: ['a@example.com'],
      template: 'task-assigned',
      language: 'de',
      data: {
        assignee: { name: 'Jonas' },
        task: { title: 'Check credit memo', url: 'https://lf.local/t/1' },
        flow: { name: 'Credit memos' },
      },
    })) as Record<string, unknown>;
    expect(out).toMatchObject({ language: 'en', languageFallback: true, subject: 'New task: Check credit memo' });
    expect(sink.list()[0]!.text).toContain('Hello Jonas');
  });

  it('escapes HTML in data: a <script> never reaches the html body as markup', async () => {
    const kit = connectorTestKit(connector, { connection: conn(sink) });
    await kit.run('send', {
      to: ['a@example.com'],
      template: 'dunning-2-firm',
      language: 'en',
      data: { ...dunning, customer: { name: '<script>alert("x")</script><b>Evil</b>' } },
    });
    const m = sink.list()[0]!;
    expect(m.html).not.toMatch(/<script|<b>Evil/);
    expect(m.html).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;Evil&lt;/b&gt;');
    expect(m.text).toContain('<script>alert("x")</script>'); // plain text is not HTML: kept verbatim
  });

  it('delivers exactly one message when the action is retried with the same idempotency key', async () => {
    const kit = connectorTestKit(connector, { connection: conn(sink) });
    const input = { to: ['a@example.com'], template: 'dunning-3-final', language: 'fr', data: dunning };
    const first = (await kit.run('send', input, 'run-7/dunning-3')) as Record<string, unknown>;
    const second = (await kit.run('send', input, 'run-7/dunning-3')) as Record<string, unknown>;
    expect(first.status).toBe('sent');
    expect(second).toMatchObject({ status: 'alreadySent', messageId: first.messageId, providerId: first.providerId });
    expect(sink.list()).toHaveLength(1);
    expect(kit.outbox.records.get('run-7/dunning-3')).toMatchObject({
      status: 'sent',
      channel: 'email',
      to: ['a@example.com'],
    });
    // another key is another message
    await kit.run('send', input, 'run-8/dunning-3');
    expect(sink.list()).toHaveLength(2);
  });

  it('a crash between SMTP accept and markSent resends under the same Message-ID, flagged uncertain, so the duplicate is detectable', async () => {
    const outbox = createMemoryOutbox();
    const dying = new AbortController();
    let crash = true;
    const crashing = {
      ...outbox,
      async markSent(k: string, p: string) {
        if (crash) {
          crash = false;
          dying.abort(); // the activity is gone: no more retries of the bookkeeping
          throw new Error('worker died');
        }
        return outbox.markSent(k, p);
      },
    };
    const input = {
      to: ['a@example.com'],
      template: 'task-reminder',
      language: 'en',
      data: { assignee: { name: 'A' }, task: { title: 'T', url: 'u' }, flow: { name: 'F' } },
    };
    await expect(
      invokeAction(connector, 'send', input, {
        connection: conn(sink),
        idempotencyKey: 'crash-key',
        outbox: crashing,
        signal: dying.signal,
      }),
    ).rejects.toThrow('worker died');
    expect(outbox.records.get('crash-key')!.status).toBe('sending');
    const opts = { connection: conn(sink), idempotencyKey: 'crash-key', outbox: crashing };
    await expect(invokeAction(connector, 'send', input, opts)).resolves.toMatchObject({
      status: 'sent',
      deliveryUncertain: true,
    });
    expect(sink.findByMessageId(messageIdFor('crash-key', from))).toHaveLength(2);
    await invokeAction(connector, 'send', input, opts);
    expect(sink.list()).toHaveLength(2);
  });

  it('an accepted message whose recording fails for a moment is recorded by retrying, not sent again', async () => {
    const outbox = createMemoryOutbox();
    let failures = 2;
    const flaky = {
      ...outbox,
      async markSent(k: string, p: string) {
        if (failures-- > 0) throw new Error('Connection terminated unexpectedly');
        return outbox.markSent(k, p);
      },
    };
    const input = {
      to: ['a@example.com'],
      template: 'task-reminder',
      language: 'en',
      data: { assignee: { name: 'A' }, task: { title: 'T', url: 'u' }, flow: { name: 'F' } },
    };
    const out = await invokeAction(connector, 'send', input, {
      connection: conn(sink),
      idempotencyKey: 'flaky-key',
      outbox: flaky,
    });
    expect(out).toMatchObject({ status: 'sent' });
    expect(out).not.toHaveProperty('deliveryUncertain');
    expect(outbox.records.get('flaky-key')!.status).toBe('sent');
    expect(sink.list()).toHaveLength(1);
  });

  it('a resend that cannot connect leaves a possibly delivered reservation uncertain, never failed', async () => {
    const outbox = createMemoryOutbox();
    await outbox.reserve('maybe-key', { channel: 'email', to: ['a@example.com'], subject: 'x' }); // left 'sending' by a dead worker
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const input = {
      to: ['a@example.com'],
      template: 'task-reminder',
      language: 'en',
      data: { assignee: { name: 'A' }, task: { title: 'T', url: 'u' }, flow: { name: 'F' } },
    };
    await expect(
      invokeAction(connector, 'send', input, {
        connection: {
          config: { host: '127.0.0.1', port, secure: false, from, ignoreTLS: true, timeoutMs: 2000 },
          secrets: {},
        },
        idempotencyKey: 'maybe-key',
        outbox,
      }),
    ).rejects.toMatchObject({ code: 'CONNECTOR_UNREACHABLE' });
    expect(outbox.records.get('maybe-key')!.status).toBe('uncertain');
  });

  it('wrong credentials are a non-retryable auth error', async () => {
    const kit = connectorTestKit(connector, { connection: conn(authSink, { user: 'ar', password: 'wrong' }) });
    await expect(
      kit.run(
        'send',
        {
          to: ['a@example.com'],
          template: 'task-escalated',
          language: 'en',
          data: { assignee: { name: 'A' }, task: { title: 'T', url: 'u' }, flow: { name: 'F' } },
        },
        'k-auth',
      ),
    ).rejects.toMatchObject({ code: 'CONNECTOR_AUTH_FAILED', retryable: false });
    expect(kit.outbox.records.get('k-auth')!.status).toBe('failed');
    const ok = connectorTestKit(connector, { connection: conn(authSink, { user: 'ar', password: 's3cret' }) });
    await expect(
      ok.run('send', {
        to: ['a@example.com'],
        template: 'task-escalated',
        language: 'en',
        data: { assignee: { name: 'A' }, task: { title: 'T', url: 'u' }, flow: { name: 'F' } },
      }),
    ).resolves.toMatchObject({ status: 'sent' });
    expect(authSink.list()).toHaveLength(1);
  });

  it('connection refused is retryable, and a retry after recovery sends once', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const kit = connectorTestKit(connector, {
      connection: {
        config: { host: '127.0.0.1', port, secure: false, from, ignoreTLS: true, timeoutMs: 2000 },
        secrets: {},
      },
    });
    await expect(
      kit.run('send', {
        to: ['a@example.com'],
        template: 'task-assigned',
        language: 'en',
        data: { assignee: { name: 'A' }, task: { title: 'T', url: 'u' }, flow: { name: 'F' } },
      }),
    ).rejects.toMatchObject({ code: 'CONNECTOR_UNREACHABLE', retryable: true });
  });

  it('refuses oversized attachments and unknown templates without sending', async () => {
    const kit = connectorTestKit(connector, {
      connection: { ...conn(sink), config: { ...conn(sink).config, maxAttachmentBytes: 1000 } },
    });
    await expect(
      kit.run('send', {
        to: ['a@example.com'],
        template: 'dunning-1-friendly',
        language: 'en',
        data: dunning,
        attachments: [
          {
            filename: 'big.bin',
            contentType: 'application/octet-stream',
            base64: Buffer.alloc(2000).toString('base64'),
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'EMAIL_ATTACHMENT_TOO_LARGE',
      retryable: false,
      message: expect.stringContaining('big.bin'),
    });
    await expect(
      kit.run('send', { to: ['a@example.com'], template: 'dunning-9', language: 'en', data: {} }),
    ).rejects.toMatchObject({ code: 'EMAIL_TEMPLATE_NOT_FOUND', retryable: false });
    expect(sink.list()).toHaveLength(0);
  });

  it('testConnection verifies the SMTP login', async () => {
    await expect(testConnection(connector, conn(authSink, { user: 'ar', password: 's3cret' }))).resolves.toMatchObject({
      ok: true,
    });
    await expect(testConnection(connector, conn(authSink, { user: 'ar', password: 'nope' }))).rejects.toMatchObject({
      code: 'CONNECTOR_AUTH_FAILED',
    });
  });

  it('the sink appends received messages to a JSON-lines file when given a folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lf-sink-'));
    const fileSink = await createSmtpSink({ port: 0, dir });
    try {
      const kit = connectorTestKit(connector, { connection: conn(fileSink) });
      await kit.run('send', {
        to: ['a@example.com'],
        template: 'task-assigned',
        language: 'fr',
        data: { assignee: { name: 'Zoé' }, task: { title: 'Valider', url: 'u' }, flow: { name: 'F' } },
      });
      const lines = (await readFile(path.join(dir, 'messages.jsonl'), 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        subject: 'Nouvelle tâche : Valider',
        to: ['a@example.com'],
        id: fileSink.list()[0]!.id,
      });
    } finally {
      await fileSink.close();
    }
  });
});
