import { createHash, randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkAttachment {
  filename: string | undefined;
  contentType: string;
  size: number;
  sha256: string;
  /** base64; kept so the UI can offer a download */
  content: string;
}

export interface SinkMessage {
  id: string;
  receivedAt: string;
  envelope: { from: string | null; to: string[] };
  messageId: string | undefined;
  from: string | undefined;
  to: string[];
  cc: string[];
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  headers: Record<string, string>;
  attachments: SinkAttachment[];
  size: number;
}

export interface SmtpSinkOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** When set, clients must log in with these credentials (AUTH PLAIN/LOGIN). */
  auth?: { user: string; password: string };
  /** Folder where each message is appended to messages.jsonl */
  dir?: string;
  /** Oldest messages are dropped from memory beyond this many. */
  maxMessages?: number;
  maxSizeBytes?: number;
  /** A client's connection failed (reset, timeout, bad input); the sink keeps serving the others. */
  onClientError?: (err: Error & { remoteAddress?: string }) => void;
}

export interface SmtpSink {
  readonly port: number;
  readonly host: string;
  list(): SinkMessage[];
  get(id: string): SinkMessage | undefined;
  /** Messages whose Message-ID header equals this value (for idempotency checks). */
  findByMessageId(messageId: string): SinkMessage[];
  clear(): void;
  /** Resolves on the next message received (tests). */
  waitForMessage(timeoutMs?: number): Promise<SinkMessage>;
  /**
   * The platform's mail-in: called with each message before it is accepted. An error with a `responseCode` (550)
   * refuses the message to the client and it is not kept; the API sets it when it runs with this sink.
   */
  setReceiver(receiver: SinkReceiver | undefined): void;
  close(): Promise<void>;
}

export type SinkReceiver = (
  m: SinkMessage,
  attachments: Array<{ filename?: string; contentType: string; content: Buffer }>,
) => Promise<void>;

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean) : [];

/**
 * A local SMTP server that accepts every message and keeps it, for development, the demo and
 * tests: nothing leaves the machine. No TLS (STARTTLS is not offered), so clients must not
 * require it; AUTH is allowed over plain text on purpose.
 */
export async function createSmtpSink(o: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiters: Array<(m: SinkMessage) => void> = [];
  const max = o.maxMessages ?? 1000;
  let receiver: SinkReceiver | undefined;
  if (o.dir) await mkdir(o.dir, { recursive: true });

  const server = new SMTPServer({
    secure: false,
    disabledCommands: o.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !o.auth,
    allowInsecureAuth: true,
    size: o.maxSizeBytes ?? 25 * 1024 * 1024,
    logger: false,
    onAuth(auth, _session, cb) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.password)
        return cb(null, { user: auth.username });
      const err = new Error('Invalid username or password') as Error & { responseCode: number };
      err.responseCode = 535;
      cb(err);
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then(async (mail) => {
          const m: SinkMessage = {
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            messageId: mail.messageId,
            from: mail.from?.text,
            to: addresses(mail.to),
            cc: addresses(mail.cc),
            subject: mail.subject,
            text: mail.text,
            html: typeof mail.html === 'string' ? mail.html : undefined,
            headers: Object.fromEntries(
              [...mail.headerLines].map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
            ),
            attachments: mail.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
              sha256: createHash('sha256').update(a.content).digest('hex'),
              content: a.content.toString('base64'),
            })),
            size: 0,
          };
          m.size = m.attachments.reduce((s, a) => s + a.size, (m.text?.length ?? 0) + (m.html?.length ?? 0));
          await receiver?.(
            m,
            mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
          );
          messages.push(m);
          if (messages.length > max) messages.splice(0, messages.length - max);
          if (o.dir) await appendFile(path.join(o.dir, 'messages.jsonl'), JSON.stringify(m) + '\n');
          for (const w of waiters.splice(0)) w(m);
          cb(null, `queued as ${m.id}`);
        })
        .catch((err: Error) => cb(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server re-emits every client's socket error (e.g. ECONNRESET mid-transaction) on the server:
  // without a listener that is an uncaught exception, and the sink runs inside the start command.
  server.on('error', (err: Error) => o.onClientError?.(err));
  const addr = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  return {
    port: addr.port,
    host: o.host ?? '127.0.0.1',
    list: () => [...messages].reverse(),
    get: (id) => messages.find((m) => m.id === id),
    findByMessageId: (mid) => messages.filter((m) => m.messageId === mid),
    clear: () => void messages.splice(0),
    waitForMessage: (timeoutMs = 5000) =>
      new Promise<SinkMessage>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no message received in time')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(t);
          resolve(m);
        });
      }),
    setReceiver: (r) => void (receiver = r),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
