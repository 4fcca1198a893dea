import { ApplicationFailure, Context } from '@temporalio/activity';
import { ConnectorError } from '@ledgerflow/flow-model';
import { invokeAction, type ConnectionValue } from '@ledgerflow/connector-sdk';
import {
  createConnectionStore,
  createDunningBatchStore,
  createDunningMarksStore,
  createPgOutbox,
  type DunningLineRow,
} from '@ledgerflow/db';
import { buildLetter, effectiveLevel, letterKey } from '../dunning/dunning-letter.ts';
import { notifyFollowUp } from '../dunning/dunning-follow-up.ts';
import type { ActivityDeps } from './deps.ts';
import type { DunningLetterResult, DunningSendInput, DunningSendOutput } from './dunning-activity-types.ts';
import { isPlatformError, platformFailure } from './platform-errors.ts';
import { toFailure } from './action.activity.ts';

type Letters = Array<{ level: number; template: string; tone?: string }>;

/** One letter per customer and (effective) level: a customer's lines in several currencies share it. */
function letterGroups(lines: DunningLineRow[]): DunningLineRow[][] {
  const groups = new Map<string, DunningLineRow[]>();
  for (const l of lines) {
    const k = `${l.customer_id}\u0000${effectiveLevel(l)}`;
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  return [...groups.values()];
}

/**
 * Sends a reviewed batch. Exactly once per (company, customer, level, currency, cycle): the letter's idempotency key
 * is that (one letter covers a customer's currencies at one level), so the email connector's outbox refuses a second
 * send across activity retries, worker crashes and later runs; a currency already sent at the level in this cycle
 * is not even rendered again. Lines already settled by an
 * earlier attempt are left alone, so a retry only finishes what is left.
 */
export function dunningSendActivity(deps: ActivityDeps) {
  return async function dunningSend(input: DunningSendInput): Promise<DunningSendOutput> {
    const actx = Context.current();
    const em = deps.orm.em.fork();
    try {
      const batches = createDunningBatchStore(em);
      const marks = createDunningMarksStore(em);
      const batch = await batches.get(input.batchId);
      if (!batch)
        throw ApplicationFailure.nonRetryable(`dunning batch ${input.batchId} does not exist`, 'DUNNING_BATCH_UNKNOWN');
      if (batch.status === 'cancelled')
        throw ApplicationFailure.nonRetryable(`dunning batch ${batch.id} was cancelled`, 'DUNNING_BATCH_CANCELLED');
      await batches.transition(batch.id, ['review'], 'sending');
      const c = await createConnectionStore(em).findByIdOrName(input.connectionId);
      if (!c)
        throw ApplicationFailure.nonRetryable(
          `connection '${input.connectionId}' does not exist`,
          'CONNECTION_UNKNOWN',
        );
      const connection: ConnectionValue = { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
      const email = deps.registry.get('email');
      if (!email) throw ApplicationFailure.nonRetryable("the 'email' connector is not installed", 'CONNECTOR_UNKNOWN');
      const letters = (batch.config.letters ?? []) as Letters;

      const lines = await batches.lines(batch.id);
      const out: DunningSendOutput = {
        batchId: batch.id,
        sent: 0,
        alreadySent: 0,
        skipped: 0,
        failed: 0,
        letters: [],
        followUps: 0,
      };
      for (const l of lines.filter((x) => !x.selected && x.status === 'pending')) {
        await batches.settleLine(l.id, 'skipped', null);
      }
      out.skipped = lines.filter((x) => !x.selected).length;
      for (const lettered of letterGroups(lines.filter((x) => x.selected))) {
        const first = lettered[0]!;
        const level = effectiveLevel(first);
        const state = await marks.customerState(batch.company, first.customer_id);
        const cycle = state?.dunning_cycle ?? batch.as_of;
        // A currency already dunned at this level in this cycle (an earlier batch) is not dunned again: its lines
        // settle as already sent, and the letter covers the other currencies.
        const before = await batches.sentLetters(batch.company, first.customer_id, level, cycle);
        const earlier = lettered.filter((l) => before.has(l.currency) && l.status === 'pending');
        for (const l of earlier) await batches.settleLine(l.id, 'already_sent', before.get(l.currency)!);
        const group = lettered.filter((l) => !earlier.includes(l));
        const key = group.length
          ? letterKey(
              batch.company,
              first.customer_id,
              level,
              group.map((l) => l.currency),
              cycle,
            )
          : before.get(first.currency)!;
        const result: DunningLetterResult = {
          customerId: first.customer_id,
          level,
          status: 'sent',
          key,
          to: first.email,
        };
        // The outbox answering "already sent" for this key means an earlier attempt of this batch sent it and crashed
        // before recording it: the case must still hear of the letter (the event id dedupes a second telling).
        let delivered = false;
        if (group.length === 0) {
          result.status = 'already_sent';
        } else if (group.every((l) => l.status === 'sent' || l.status === 'already_sent')) {
          result.status = group[0]!.status === 'sent' ? 'sent' : 'already_sent';
        } else {
          const letter = letters.find((x) => x.level === level);
          const problem = !first.email
            ? 'the customer has no email address'
            : !letter
              ? `the run has no letter for level ${level}`
              : null;
          if (problem) {
            result.status = 'failed';
            result.error = problem;
          } else {
            const parts = buildLetter(group, await marks.openItems(batch.company, first.customer_id), {
              companyName: input.companyName,
              asOf: batch.as_of,
              timezone: batch.timezone,
              level,
            });
            try {
              const sent = (await invokeAction(
                email,
                'send',
                {
                  to: [first.email],
                  ...(input.replyTo ? { replyTo: input.replyTo } : {}),
                  template: letter!.template,
                  ...(letter!.tone ? { tone: letter!.tone } : {}),
                  language: first.language ?? 'en',
                  data: parts.data,
                  statement: parts.statement,
                },
                {
                  connection,
                  idempotencyKey: key,
                  signal: actx.cancellationSignal,
                  logger: deps.logger,
                  outbox: createPgOutbox(em),
                },
              )) as { status: 'sent' | 'alreadySent' };
              result.status = sent.status === 'alreadySent' ? 'already_sent' : 'sent';
              delivered = true;
              await marks.processed(batch.company, first.customer_id, level, parts.documents, batch.as_of);
            } catch (err) {
              // A refusal of this letter (bad address, template) fails its line; anything else retries the activity.
              if (!(err instanceof ConnectorError) || err.retryable)
                throw toFailure(err, { connector: 'email', action: 'send' });
              result.status = 'failed';
              result.error = err.message;
            }
          }
        }
        for (const l of group)
          if (l.status !== result.status) await batches.settleLine(l.id, result.status, key, result.error);
        if (result.status === 'sent') out.sent++;
        else if (result.status === 'already_sent') out.alreadySent++;
        else out.failed++;
        out.letters.push(result);
        // A new letter tells the customer's follow-up case; one found already sent told it when it went out.
        if ((result.status === 'sent' || delivered) && input.followUpFlowId) {
          await notifyFollowUp(deps, {
            followUpFlowId: input.followUpFlowId,
            company: batch.company,
            customerId: first.customer_id,
            customerName: first.customer_name,
            level,
            maxLevel: Math.max(...letters.map((x) => x.level)),
            key,
            asOf: batch.as_of,
            isTest: input.isTest,
          });
          out.followUps++;
        }
        actx.heartbeat(out.letters.length);
      }
      await batches.transition(batch.id, ['sending', 'review'], 'sent');
      return out;
    } catch (err) {
      if (err instanceof ApplicationFailure) throw err;
      if (isPlatformError(err)) throw platformFailure(err, 'sending the dunning batch');
      throw err;
    }
  };
}
