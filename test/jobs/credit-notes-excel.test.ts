// The Blédina job: the credit notes to validate come as an Excel extract mailed twice a day to the feed's mail-in
// address (the local SMTP sink on the embedded default). Each file is one extraction: one case per credit note,
// a changed line updates its case, a note missing from a full extract is marked gone, and closed cases are the
// list the extractor takes off its next extract. Also: senders the trigger does not allow are refused, repeated
// header rows are not broken rows, and the multipart API upload answers with the report (or a 400 naming the cell).
// In production the API's own SMTP receiver (LEDGERFLOW_MAILIN_PORT) takes the same mail through the same path.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEnv } from '@ledgerflow/db';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createHarness, eventually, type Agent, type Harness } from '../helpers/api-harness.ts';
import { selfSignedCert } from '../helpers/self-signed-cert.ts';

// nodemailer is the email connector's dependency: the test mails its files with that same client.
type Transport = { sendMail(m: Record<string, unknown>): Promise<unknown>; close(): void };
const nodemailer = createRequire(path.resolve(import.meta.dirname, '../../connectors/email/package.json'))(
  'nodemailer',
) as { createTransport(o: Record<string, unknown>): Transport };

const EXTRACTOR = 'extractions@bledina.test';
const HEADER = ['N° avoir', 'Client', 'Montant', 'Motif'];
type Line = [string, string, string, string];
const LINES: Line[] = [
  ['AV-1001', 'Carrefour', '1 250,00', 'Casse'],
  ['AV-1002', 'Auchan', '480,50', 'Promotion'],
  ['AV-1003', 'Leclerc', '2 000,00', 'Retour'],
];

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
let mailer: Transport;
let flowId: string;

/** An extract as the ERP writes it: a title block above the table, then the lines. */
async function extract(lines: Line[], opts: { repeatHeaderEvery?: number } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Avoirs');
  ws.addRow(['Extraction avoirs en attente – Blédina']);
  ws.addRow(['Société', 'FR10']);
  ws.addRow([]);
  ws.addRow(HEADER);
  lines.forEach((l, i) => {
    if (opts.repeatHeaderEvery && i > 0 && i % opts.repeatHeaderEvery === 0) ws.addRow(HEADER);
    ws.addRow(l);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function bledinaFlow() {
  return {
    schemaVersion: 1,
    name: `Blédina credit notes ${Date.now()}`,
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
              { field: 'customer', type: 'string', required: true, aliases: ['Client'] },
              { field: 'amount', type: 'money', required: true, aliases: ['Montant'], currency: 'EUR', locale: 'fr' },
              { field: 'reason', type: 'string', aliases: ['Motif'] },
            ],
            keyField: 'creditNote',
            allowedSenders: [EXTRACTOR],
          },
          cron: '0 3 1 1 *',
          businessKey: 'record.creditNote',
          onClosed: 'ignore',
        },
      },
      { id: 'validated', kind: 'waitForEvent', config: { event: 'credit.validated' } },
      { id: 'end', kind: 'end', config: { status: 'validated' } },
    ],
    edges: [
      { id: 'a', source: 'feed', target: 'validated' },
      { id: 'b', source: 'validated', target: 'end' },
    ],
  };
}

type FileView = {
  id: string;
  name: string;
  status: string;
  sender: string | null;
  arrivedVia: string;
  refusal: string | null;
  report: {
    summary: { imported: number; rejected: number; skippedHeader: number; headerRow: number };
    rejected: unknown[];
    extraction?: { started: number; updated: number; unchanged: number; ignored: number; gone?: number };
  } | null;
};
type CaseItem = { businessKey: string; status: string; runId: string; goneAt: string | null; record: any };

const files = async () =>
  (await owner.get(`/api/flows/${flowId}/feed/files`)).json() as {
    mailIn: { address: string; allowedSenders: string[] };
    items: FileView[];
  };
const cases = async () =>
  (await owner.get(`/api/flows/${flowId}/cases`)).json() as {
    counts: { open: number; closed: number };
    items: CaseItem[];
  };
const caseOf = async (key: string) => (await cases()).items.find((c) => c.businessKey === key);

/** Mails a file to the feed and waits until its extraction is done; answers the file as the Files tab shows it. */
async function mailExtract(content: Buffer, name: string, from = EXTRACTOR): Promise<FileView> {
  const before = new Set((await files()).items.map((f) => f.id));
  await mailer.sendMail({
    from,
    to: (await files()).mailIn.address,
    subject: 'Extraction avoirs',
    text: 'Ci-joint l’extraction.',
    attachments: [{ filename: name, content }],
  });
  return eventually(async () => {
    const f = (await files()).items.find((x) => !before.has(x.id));
    return f && (f.status === 'done' || f.status === 'failed') ? f : undefined;
  }, 30_000);
}

function multipart(name: string, content: Buffer) {
  const boundary = `----ledgerflow${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  mailer = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
  flowId = (await owner.post('/api/flows', { definition: bledinaFlow() })).json().id;
  const res = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  mailer?.close();
  await h?.close();
  await sink?.close();
});

describe('the Blédina job: credit notes from an Excel extract mailed to the feed', () => {
  it('gives one case per credit note, updates a changed line, marks a missing note gone, lists closed keys', async () => {
    const feed = await files();
    expect(feed.mailIn).toEqual({ address: `feed-${flowId}@feeds.ledgerflow.local`, allowedSenders: [EXTRACTOR] });

    const first = await mailExtract(await extract(LINES), 'avoirs-0700.xlsx');
    expect(first).toMatchObject({ status: 'done', arrivedVia: 'mail', sender: EXTRACTOR });
    expect(first.report?.summary).toMatchObject({ headerRow: 4, imported: 3, rejected: 0 });
    expect(first.report?.extraction).toMatchObject({ started: 3, updated: 0 });
    expect((await cases()).counts).toMatchObject({ open: 3, closed: 0 });
    expect((await caseOf('AV-1001'))?.record).toMatchObject({
      customer: 'Carrefour',
      amount: { amount: '1250.00', currency: 'EUR' },
    });

    // The afternoon extract: one amount corrected. Its case gets the new line; no second case.
    const changed: Line[] = [LINES[0]!, ['AV-1002', 'Auchan', '430,50', 'Promotion'], LINES[2]!];
    const second = await mailExtract(await extract(changed), 'avoirs-1300.xlsx');
    expect(second.report?.extraction).toMatchObject({ started: 0, updated: 1, unchanged: 2 });
    expect((await cases()).counts).toMatchObject({ open: 3 });
    const cn2 = (await caseOf('AV-1002'))!;
    await eventually(async () => {
      const run = (await owner.get(`/api/runs/${cn2.runId}`)).json().run;
      return run.variables.record?.amount?.amount === '430.50';
    });

    // AV-1001 is validated in Ledgerflow: its case closes and the extractor gets it in the closed keys.
    const sent = await owner.post('/api/events', { flowId, businessKey: 'AV-1001', event: 'credit.validated' });
    expect(sent.statusCode, sent.body).toBe(202);
    await eventually(async () => (await caseOf('AV-1001'))?.status === 'closed');
    const csv = await owner.get(`/api/flows/${flowId}/feed/closed-keys?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFkey,closedAt');
    expect(csv.body).toMatch(/\r\nAV-1001,\d{4}-/);
    expect(csv.body).not.toContain('AV-1002');
    const xlsx = await owner.req({ method: 'GET', url: `/api/flows/${flowId}/feed/closed-keys?format=xlsx` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe('AV-1001');

    // The next extract follows the closed list (AV-1001 taken off) and AV-1003 has left the ERP's list too:
    // AV-1003 is marked gone (its case gets record.gone); the closed AV-1001 is not, and nothing reopens.
    const third = await mailExtract(await extract([changed[1]!]), 'avoirs-j2-0700.xlsx');
    expect(third.report?.extraction).toMatchObject({ started: 0, unchanged: 1, gone: 1 });
    expect(await caseOf('AV-1003')).toMatchObject({ status: 'open', goneAt: expect.any(String) });
    expect((await caseOf('AV-1002'))?.goneAt).toBeNull();
    expect(await caseOf('AV-1001')).toMatchObject({ status: 'closed', goneAt: null });
  });

  it('refuses a file from a sender the trigger does not allow, and shows the refusal', async () => {
    await expect(
      mailer.sendMail({
        from: 'someone@elsewhere.test',
        to: `feed-${flowId}@feeds.ledgerflow.local`,
        subject: 'Extraction',
        text: 'voici',
        attachments: [{ filename: 'avoirs.xlsx', content: await extract(LINES) }],
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const refused = (await files()).items.find((f) => f.status === 'refused')!;
    expect(refused).toMatchObject({ name: 'avoirs.xlsx', sender: 'someone@elsewhere.test', arrivedVia: 'mail' });
    expect(refused.refusal).toMatch(/not allowed/);
    expect((await cases()).items.some((c) => c.businessKey === 'AV-1001' && c.status === 'open')).toBe(false);
  });

  it('imports a file with repeated header rows without broken rows', async () => {
    const lines: Line[] = [
      ...LINES,
      ['AV-1004', 'Lidl', '75,00', 'Casse'],
      ['AV-1005', 'Intermarché', '12,00', 'Casse'],
    ];
    const f = await mailExtract(await extract(lines, { repeatHeaderEvery: 2 }), 'avoirs-pages.xlsx');
    expect(f.report?.summary).toMatchObject({ imported: 5, rejected: 0, skippedHeader: 2 });
    expect(f.report?.rejected).toEqual([]);
  });

  it('takes a multipart upload through the API, and answers a bad file with a 400 naming row and column', async () => {
    const csv = Buffer.from('N° avoir;Client;Montant;Motif\r\nAV-2001;Casino;99,90;Casse\r\n', 'utf8');
    const ok = await owner.req({
      method: 'POST',
      url: `/api/flows/${flowId}/feed/files`,
      ...multipart('avoirs.csv', csv),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      id: expect.any(String),
      status: 'done',
      arrivedVia: 'api',
      report: { summary: { imported: 1, rejected: 0 } },
    });
    expect(await caseOf('AV-2001')).toMatchObject({ status: 'open' });

    const noAmount = Buffer.from('N° avoir;Client;Motif\r\nAV-2002;Casino;Casse\r\n', 'utf8');
    const bad = await owner.req({
      method: 'POST',
      url: `/api/flows/${flowId}/feed/files`,
      ...multipart('avoirs-sans-montant.csv', noAmount),
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'EXCEL_HEADER_MISSING',
      message: expect.stringContaining("'amount'"),
      details: { file: 'avoirs-sans-montant.csv', row: 1, column: 'amount', fileId: expect.any(String) },
    });
    const failed = (await files()).items.find((f) => f.name === 'avoirs-sans-montant.csv');
    expect(failed).toMatchObject({ status: 'failed' });

    // The Files list as the extractor's team exports it: newest first, with each file's outcome.
    const list = await owner.get(`/api/flows/${flowId}/feed/files/export?format=csv`);
    expect(list.statusCode).toBe(200);
    const lines = list.body.trim().split('\r\n');
    expect(lines[0]).toBe('receivedAt,name,size,arrivedVia,sender,status,imported,rejected,detail');
    expect(lines[1]).toMatch(/,avoirs-sans-montant\.csv,\d+,api,.*,failed,,,.*'amount'/);
    expect(lines.some((l) => /,avoirs\.xlsx,\d+,mail,someone@elsewhere\.test,refused,,,.*not allowed/.test(l))).toBe(
      true,
    );
  });
});

describe("the production mail-in receiver (the API's SMTP server, LEDGERFLOW_MAILIN_PORT)", () => {
  const DOMAIN = 'mail-in.bledina.test';
  const MAX_BYTES = 64 * 1024;
  const tlsDir = mkdtempSync(path.join(os.tmpdir(), 'ledgerflow-mailin-'));
  const { key, cert } = selfSignedCert();
  let prod: Harness;
  let prodOwner: Agent;
  let mx: Transport;
  const send = async (o: { from: string; to: string; name: string; content: Buffer }) =>
    mx.sendMail({
      from: o.from,
      to: o.to,
      subject: 'Extraction',
      attachments: [{ filename: o.name, content: o.content }],
    });

  const prodEnv = (extra: Record<string, string> = {}) =>
    loadEnv({
      ...process.env,
      ...inject('stack'),
      LOG_LEVEL: 'silent',
      LEDGERFLOW_MAILIN_PORT: '0',
      LEDGERFLOW_MAILIN_HOST: '127.0.0.1',
      LEDGERFLOW_MAILIN_DOMAIN: DOMAIN,
      ...extra,
    });
  /** Waits until the feed's newest file not in `before` is extracted; answers it as the Files tab shows it. */
  const extracted = (before: Set<string>) =>
    eventually(async () => {
      const x = (await files()).items.find((i) => !before.has(i.id));
      return x && (x.status === 'done' || x.status === 'failed') ? x : undefined;
    }, 30_000);

  beforeAll(async () => {
    writeFileSync(path.join(tlsDir, 'key.pem'), key);
    writeFileSync(path.join(tlsDir, 'cert.pem'), cert);
    // The clients below that do not ask for STARTTLS ignore it; the STARTTLS test requires it.
    const env = prodEnv({
      LEDGERFLOW_MAILIN_MAX_BYTES: String(MAX_BYTES),
      LEDGERFLOW_MAILIN_TLS_KEY_FILE: path.join(tlsDir, 'key.pem'),
      LEDGERFLOW_MAILIN_TLS_CERT_FILE: path.join(tlsDir, 'cert.pem'),
    });
    prod = await createHarness({ env });
    prodOwner = await prod.login(['process_owner']);
    mx = nodemailer.createTransport({
      host: '127.0.0.1',
      port: prod.app.mailInReceiver!.port,
      secure: false,
      ignoreTLS: true,
    });
  });
  afterAll(async () => {
    mx?.close();
    await prod?.close();
    rmSync(tlsDir, { recursive: true, force: true });
  });

  it('takes an .xlsx mailed to a feed address of its domain from an allowed sender: one extraction', async () => {
    const feed = (await prodOwner.get(`/api/flows/${flowId}/feed/files`)).json() as { mailIn: { address: string } };
    expect(feed.mailIn.address).toBe(`feed-${flowId}@${DOMAIN}`);
    const before = new Set((await files()).items.map((f) => f.id));
    const lines: Line[] = [['AV-3001', 'Système U', '310,00', 'Casse']];
    await send({ from: EXTRACTOR, to: feed.mailIn.address, name: 'avoirs-mx.xlsx', content: await extract(lines) });
    const f = await extracted(before);
    expect(f).toMatchObject({ name: 'avoirs-mx.xlsx', status: 'done', arrivedVia: 'mail', sender: EXTRACTOR });
    expect(f.report?.summary).toMatchObject({ imported: 1, rejected: 0 });
    expect(await caseOf('AV-3001')).toMatchObject({ status: 'open' });
  });

  it('answers 550 at RCPT for an address that is not a file feed of its domain, and records nothing', async () => {
    const before = (await files()).items.length;
    const content = await extract(LINES);
    for (const to of [`feed-${randomUUID()}@${DOMAIN}`, `feed-${flowId}@feeds.ledgerflow.local`, `ap@${DOMAIN}`])
      await expect(send({ from: EXTRACTOR, to, name: 'avoirs.xlsx', content })).rejects.toMatchObject({
        responseCode: 550,
      });
    expect((await files()).items).toHaveLength(before);
  });

  it('answers 550 to a sender the trigger does not allow, and records the refusal on the feed', async () => {
    await expect(
      send({
        from: 'intrus@elsewhere.test',
        to: `feed-${flowId}@${DOMAIN}`,
        name: 'avoirs-intrus.xlsx',
        content: await extract(LINES),
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const refused = (await files()).items.find((f) => f.name === 'avoirs-intrus.xlsx');
    expect(refused).toMatchObject({ status: 'refused', sender: 'intrus@elsewhere.test', arrivedVia: 'mail' });
    expect(refused?.refusal).toMatch(/not allowed/);
  });

  it('takes a message over STARTTLS with its certificate, and the file arrives', async () => {
    const secured = nodemailer.createTransport({
      host: '127.0.0.1',
      port: prod.app.mailInReceiver!.port,
      secure: false,
      // The message goes only after the upgrade, checked against the receiver's own certificate.
      requireTLS: true,
      tls: { ca: cert, servername: 'localhost' },
    });
    const before = new Set((await files()).items.map((f) => f.id));
    try {
      await secured.sendMail({
        from: EXTRACTOR,
        to: `feed-${flowId}@${DOMAIN}`,
        subject: 'Extraction',
        attachments: [
          { filename: 'avoirs-tls.xlsx', content: await extract([['AV-3001', 'Système U', '310,00', 'Casse']]) },
        ],
      });
    } finally {
      secured.close();
    }
    const f = await extracted(before);
    expect(f).toMatchObject({ name: 'avoirs-tls.xlsx', status: 'done', arrivedVia: 'mail', sender: EXTRACTOR });
  });

  it('answers 552 to a message over LEDGERFLOW_MAILIN_MAX_BYTES, and stores nothing', async () => {
    const before = (await files()).items.length;
    await expect(
      send({
        from: EXTRACTOR,
        to: `feed-${flowId}@${DOMAIN}`,
        name: 'avoirs-trop-gros.xlsx',
        content: randomBytes(MAX_BYTES * 2),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const after = (await files()).items;
    expect(after).toHaveLength(before);
    expect(after.some((f) => f.name === 'avoirs-trop-gros.xlsx')).toBe(false);
  });

  it('answers 450 to the message past LEDGERFLOW_MAILIN_RATE_LIMIT from one client IP, recorded once', async () => {
    const LIMIT = 2;
    const limited = await createHarness({ env: prodEnv({ LEDGERFLOW_MAILIN_RATE_LIMIT: String(LIMIT) }) });
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: limited.app.mailInReceiver!.port,
      secure: false,
      ignoreTLS: true,
    });
    const mail = async (name: string) =>
      client.sendMail({
        from: EXTRACTOR,
        to: `feed-${flowId}@${DOMAIN}`,
        subject: 'Extraction',
        attachments: [{ filename: name, content: await extract([['AV-3001', 'Système U', '310,00', 'Casse']]) }],
      });
    try {
      const before = new Set((await files()).items.map((f) => f.id));
      for (let i = 1; i <= LIMIT; i++) {
        const taken = new Set((await files()).items.map((f) => f.id));
        await mail(`avoirs-rate-${i}.xlsx`);
        // One extraction at a time, as the extractor's mails come.
        expect(await extracted(taken)).toMatchObject({ name: `avoirs-rate-${i}.xlsx`, status: 'done' });
      }
      for (const extra of ['avoirs-rate-3.xlsx', 'avoirs-rate-4.xlsx'])
        await expect(mail(extra)).rejects.toMatchObject({ responseCode: 450 });
      const added = (await files()).items.filter((f) => !before.has(f.id));
      expect(added.map((f) => f.name).sort()).toEqual([
        '(message not received)',
        'avoirs-rate-1.xlsx',
        'avoirs-rate-2.xlsx',
      ]);
      expect(added.find((f) => f.status === 'refused')).toMatchObject({
        name: '(message not received)',
        sender: EXTRACTOR,
        arrivedVia: 'mail',
        refusal: expect.stringMatching(/too many messages from .*127\.0\.0\.1 \(more than 2 a minute\)/),
      });
    } finally {
      client.close();
      await limited.close();
    }
  });
});
