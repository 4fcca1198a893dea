import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from './smtp-sink.ts';

/** Talks SMTP up to `stage`, then resets the TCP connection (RST, not FIN) as a crashing client would. */
async function resetMidConversation(port: number, stage: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  let failure: Error | undefined;
  socket.on('error', (e) => (failure = e));
  let buffered = '';
  socket.on('data', (d: Buffer) => (buffered += d.toString()));
  const reply = async (code: string) => {
    const deadline = Date.now() + 5000;
    while (!new RegExp(`(^|\\n)${code} `).test(buffered)) {
      if (failure || socket.destroyed || Date.now() > deadline)
        throw new Error(`no ${code} reply (${failure?.message ?? 'closed'}), got: ${buffered}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    buffered = '';
  };
  await reply('220');
  const steps: Array<[string, string]> = [
    ['EHLO client.test\r\n', '250'],
    ['MAIL FROM:<a@client.test>\r\n', '250'],
    ['RCPT TO:<b@sink.test>\r\n', '250'],
    ['DATA\r\n', '354'],
  ];
  for (const [command, code] of steps.slice(0, stage)) {
    socket.write(command);
    await reply(code);
  }
  if (stage === steps.length) socket.write('Subject: cut short\r\n\r\nhalf a bo');
  await new Promise((r) => setTimeout(r, 10));
  socket.resetAndDestroy();
  await once(socket, 'close');
}

const send = (port: number, subject: string) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
    .sendMail({ from: 'a@client.test', to: 'b@sink.test', subject, text: 'still here' });

let child: ChildProcess | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await sink?.close();
  child = sink = undefined;
});

describe('smtp sink: no client can take it down', () => {
  it('keeps its process alive and delivering after 20 connections reset mid-conversation', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lf-sink-'));
    child = spawn(
      process.execPath,
      [path.join(import.meta.dirname, 'smtp-sink.main.ts'), '--port', '0', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!/listening on 127\.0\.0\.1:\d+/.test(out) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    expect(port).toBeGreaterThan(0);

    for (let i = 0; i < 20; i++) await resetMidConversation(port, 1 + (i % 4));
    await send(port, 'after the resets');

    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    const stored = (await readFile(path.join(dir, 'messages.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { subject: string });
    expect(stored.map((m) => m.subject)).toEqual(['after the resets']);
    expect(out).not.toMatch(/ECONNRESET|Error/);
  }, 60_000);

  it('reports the reset clients to onClientError and keeps serving in-process', async () => {
    const errors: string[] = [];
    sink = await createSmtpSink({
      onClientError: (e) => errors.push((e as Error & { code?: string }).code ?? e.message),
    });
    for (let i = 0; i < 4; i++) await resetMidConversation(sink.port, 2 + (i % 3));
    const received = sink.waitForMessage();
    await send(sink.port, 'in process');
    expect((await received).subject).toBe('in process');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((c) => c === 'ECONNRESET')).toBe(true);
  }, 30_000);
});
