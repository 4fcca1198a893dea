import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { AppDeps } from '../app-deps.ts';
import { fileFeedOf, flowOfMailIn } from './feed-files.service.ts';
import { createMailInRateLimit } from './mail-in-rate-limit.service.ts';
import { receiveMail, recordEnvelopeRefusal } from './mail-in.service.ts';

export interface MailInReceiver {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode: number };
const smtpError = (responseCode: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode });

/**
 * The platform's production mail-in: an SMTP server an MX record (or a relay) sends the feeds' mail to. It takes
 * only recipients that are file feeds of this platform (550 at RCPT otherwise, so the sending server bounces at
 * once), takes at most LEDGERFLOW_MAILIN_RATE_LIMIT messages a minute from one client IP (450 at RCPT beyond, so
 * the sending server retries later; recorded on the feed), caps the message size, and hands each message to receiveMail, the same path the embedded default's
 * local sink uses (sender check, refusal recorded on the feed, extraction). No AUTH: it is the MX, not a relay.
 */
export async function startMailInReceiver(
  deps: AppDeps,
  log: { warn(obj: unknown, msg?: string): void },
): Promise<MailInReceiver> {
  const env = deps.env;
  const maxBytes = env.LEDGERFLOW_MAILIN_MAX_BYTES;
  const keyFile = env.LEDGERFLOW_MAILIN_TLS_KEY_FILE;
  const certFile = env.LEDGERFLOW_MAILIN_TLS_CERT_FILE;
  const tls = keyFile && certFile ? { key: readFileSync(keyFile), cert: readFileSync(certFile) } : undefined;
  const perMinute = env.LEDGERFLOW_MAILIN_RATE_LIMIT;
  const rate = createMailInRateLimit(perMinute);

  const server = new SMTPServer({
    name: env.LEDGERFLOW_MAILIN_DOMAIN,
    banner: 'Ledgerflow mail-in',
    secure: false,
    ...tls,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    // Advertised in EHLO: a client announcing a larger SIZE is refused at MAIL FROM (552).
    size: maxBytes,
    logger: false,
    // Open to the internet on port 25: a bound on concurrent connections keeps a flood from exhausting the API.
    maxClients: 100,
    onRcptTo(address, session, cb) {
      const flowId = flowOfMailIn(env, address.address);
      if (!flowId) return cb(smtpError(550, `5.1.1 <${address.address}>: no such mail-in address`));
      fileFeedOf(deps, flowId).then(
        // A message counts once, at its first feed recipient; a client over its share is told to come back later.
        () => (session.envelope.rcptTo.length || rate.take(session.remoteAddress) ? cb() : refuseRate(flowId)),
        () => cb(smtpError(550, `5.1.1 <${address.address}>: no file feed at this address`)),
      );
      async function refuseRate(flowId: string) {
        const ip = session.remoteAddress;
        const refusal = `too many messages from ${ip} (more than ${perMinute} a minute): the sending server was asked to retry later`;
        if (rate.firstRefusal(ip, flowId)) {
          log.warn({ ip, flowId }, 'mail-in: client over its message rate');
          const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          await recordEnvelopeRefusal(deps, { flowId, sender, refusal }).catch((err: unknown) =>
            log.warn({ err }, 'mail-in: refusal not recorded'),
          );
        }
        cb(smtpError(450, `4.7.1 too many messages from ${ip}, try again later`));
      }
    },
    onData(stream, session, cb) {
      receive(stream, session.envelope.mailFrom ? session.envelope.mailFrom.address : null, session)
        .then(() => cb(null, 'queued'))
        .catch((err: Error & { responseCode?: number }) => {
          if (!err.responseCode) log.warn({ err }, 'mail-in: message not taken');
          cb(err.responseCode ? err : smtpError(451, '4.3.0 temporary failure, try again later'));
        });
    },
  });

  /** Parses at most maxBytes of the message; the rest is drained so the client gets its 552. */
  async function receive(
    stream: SMTPServerDataStream,
    from: string | null,
    session: { envelope: { rcptTo: Array<{ address: string }> } },
  ): Promise<void> {
    const body = new PassThrough();
    let over = false;
    stream.on('data', (chunk: Buffer) => {
      if (over) return;
      if (stream.sizeExceeded) {
        over = true;
        body.end();
      } else body.write(chunk);
    });
    const ended = once(stream, 'end').then(() => body.end());
    const [mail] = await Promise.all([simpleParser(body), ended]);
    if (over || stream.sizeExceeded) throw smtpError(552, `5.3.4 message larger than ${maxBytes} bytes`);
    await receiveMail(
      deps,
      { envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) }, subject: mail.subject },
      mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    );
  }

  const host = env.LEDGERFLOW_MAILIN_HOST ?? env.HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.LEDGERFLOW_MAILIN_PORT ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server re-emits each client's socket error on the server: unheard, one reset connection would crash the API.
  server.on('error', (err: Error) => log.warn({ err }, 'mail-in: client connection failed'));
  const addr = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { host, port: addr.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
