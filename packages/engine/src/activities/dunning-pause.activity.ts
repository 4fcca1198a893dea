import { ApplicationFailure } from '@temporalio/activity';
import { createLedgerCustomersStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { DunningPauseInput } from './dunning-activity-types.ts';
import { isPlatformError, platformFailure } from './platform-errors.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A follow-up case pauses its customer's dunning (promise to pay, open dispute) or ends the pause. Idempotent. */
export function dunningPauseActivity(deps: ActivityDeps) {
  return async function dunningPause(input: DunningPauseInput): Promise<{ found: boolean }> {
    if (input.until !== null && !DAY.test(input.until))
      throw ApplicationFailure.nonRetryable(
        `dunning pause: '${input.until.slice(0, 40)}' is not a date (YYYY-MM-DD)`,
        'DUNNING_PAUSE_INVALID',
      );
    try {
      const changed = await createLedgerCustomersStore(deps.orm.em.fork()).update(input.company, input.customerId, {
        paused_until: input.until,
        pause_reason: input.until === null ? null : (input.reason ?? null),
      });
      return { found: changed !== undefined };
    } catch (err) {
      throw isPlatformError(err) ? platformFailure(err, 'pausing the customer') : err;
    }
  };
}
