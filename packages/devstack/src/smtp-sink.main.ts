// Runs the local SMTP sink: node packages/devstack/src/smtp-sink.main.ts [--port 2525] [--dir .data/mail] [--user u --password p]
import { parseArgs } from 'node:util';
import { createSmtpSink } from './smtp-sink.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '2525' },
    host: { type: 'string', default: '127.0.0.1' },
    dir: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
  },
});
const sink = await createSmtpSink({
  port: Number(values.port),
  host: values.host,
  dir: values.dir,
  auth: values.user && values.password ? { user: values.user, password: values.password } : undefined,
  // A client hanging up mid-conversation is routine; anything else is worth a line.
  onClientError: (err: Error & { code?: string }) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE')
      console.error(`smtp sink: client connection failed: ${err.message}`);
  },
});
console.log(
  `smtp sink listening on ${sink.host}:${sink.port}${values.dir ? `, appending to ${values.dir}/messages.jsonl` : ''}`,
);
const stop = () => void sink.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
