import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createFeedFileStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import {
  fileFeedOf,
  flowOfMailIn,
  isFeedFileName,
  senderAllowed,
  startExtraction,
  storeFeedFile,
} from './feed-files.service.ts';

export interface InboundMail {
  envelope: { from: string | null; to: string[] };
  subject?: string;
}
export interface InboundAttachment {
  filename?: string;
  contentType: string;
  content: Buffer;
}

/** Answered to the SMTP client: the message is not accepted (550, a permanent refusal). */
export class MailRefusedError extends Error {
  readonly responseCode = 550;
}

/**
 * A message refused before its content arrived (its client IP sent too many): one row on the feed's Files tab says
 * why a file the sender mailed has not shown up yet.
 */
export async function recordEnvelopeRefusal(
  deps: AppDeps,
  r: { flowId: string; sender: string | null; refusal: string },
): Promise<void> {
  await createFeedFileStore(deps.orm.em.fork()).refuse({
    id: randomUUID(),
    flowId: r.flowId,
    name: '(message not received)',
    size: 0,
    contentType: 'message/rfc822',
    sender: r.sender,
    arrivedVia: 'mail',
    refusal: r.refusal,
  });
}

/**
 * A message to a file feed's mail-in address: its .xlsx/.csv attachments are stored and each starts that feed's
 * extraction, when the envelope sender is one the trigger allows. Otherwise the refusal is recorded on the feed
 * (visible on its Files tab) and the SMTP client gets a 550. Messages to other addresses are not ours.
 */
export async function receiveMail(deps: AppDeps, m: InboundMail, attachments: InboundAttachment[]): Promise<void> {
  const sender = m.envelope.from;
  for (const flowId of new Set(m.envelope.to.map((to) => flowOfMailIn(deps.env, to)).filter((f): f is string => !!f))) {
    const feed = await fileFeedOf(deps, flowId).catch(() => undefined);
    if (!feed) throw new MailRefusedError(`5.1.1 no file feed at ${flowId}`);
    const files = attachments.filter((a) => a.filename && isFeedFileName(a.filename));
    const refusal = !senderAllowed(sender, feed.allowedSenders)
      ? `sender ${sender ?? '(none)'} is not allowed to send files to this feed`
      : files.length === 0
        ? 'the message has no .xlsx or .csv attachment'
        : undefined;
    if (refusal) {
      const store = createFeedFileStore(deps.orm.em.fork());
      const refused = attachments.length
        ? attachments
        : [{ filename: m.subject ?? '(no attachment)', contentType: 'message/rfc822', content: Buffer.alloc(0) }];
      for (const a of refused)
        await store.refuse({
          id: randomUUID(),
          flowId,
          name: a.filename ?? '(unnamed)',
          size: a.content.length,
          contentType: a.contentType,
          sender,
          arrivedVia: 'mail',
          refusal,
        });
      throw new MailRefusedError(`5.7.1 ${refusal}`);
    }
    for (const a of files) {
      const id = await storeFeedFile(deps, {
        flowId,
        name: a.filename!,
        contentType: a.contentType,
        sender,
        via: 'mail',
        content: Readable.from([a.content]),
      });
      await startExtraction(deps, flowId, id, feed);
    }
  }
}
