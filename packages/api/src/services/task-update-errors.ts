// The run's refusals of a task update, as API errors: mapped from the failure's type (the workflow's stable
// code, TASK_FAILURES), never from its message.
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { ConflictError, ForbiddenError, LedgerflowError, ValidationError, type Problem } from '@ledgerflow/flow-model';
import type { TaskFailureType } from '@ledgerflow/engine';

export function taskUpdateError(err: unknown, taskId: string): LedgerflowError {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  const failure = cause instanceof ApplicationFailure ? cause : undefined;
  const message = failure?.message ?? (err as Error).message ?? '';
  const details = (failure?.details?.[0] ?? {}) as { problems?: Problem[]; claimedBy?: string };
  switch (failure?.type as TaskFailureType | undefined) {
    case 'FOUR_EYES':
      return new ForbiddenError(`Four-eyes rule: ${message}`, { reason: 'FOUR_EYES', taskId });
    case 'APPROVAL_LIMIT_EXCEEDED':
      return new LedgerflowError('APPROVAL_LIMIT_EXCEEDED', `Approval limit: ${message}`, {
        status: 403,
        details: { taskId, ...pickLimit(failure?.details?.[0]) },
      });
    case 'TASK_CLAIMED_BY_OTHER':
      return new ForbiddenError(`Task ${taskId} is claimed by another user`, {
        reason: 'TASK_CLAIMED_BY_OTHER',
        taskId,
      });
    case 'TASK_ALREADY_CLAIMED':
      return new ConflictError('TASK_ALREADY_CLAIMED', `Task ${taskId} is already claimed`, {
        taskId,
        claimedBy: details.claimedBy,
      });
    case 'TASK_NOT_CLAIMED':
      return new ConflictError('TASK_NOT_CLAIMED', `Task ${taskId} is not claimed`, { taskId });
    case 'TASK_NOT_OPEN':
      return new ConflictError('TASK_NOT_OPEN', `Task ${taskId} is no longer open in its run`, { taskId });
    case 'TASK_OUTCOME_INVALID':
      return new ValidationError(message, [{ path: '/outcome', code: 'OUTCOME_INVALID', message }], 'OUTCOME_INVALID');
    case 'FORM_INVALID':
      return new ValidationError(`The form has problems: ${message}`, details.problems ?? [], 'FORM_INVALID');
    case 'DELEGATE_SELF':
      return new ValidationError(
        'You cannot delegate a task to yourself',
        [{ path: '/to', code: 'SELF', message: 'choose someone else' }],
        'DELEGATE_SELF',
      );
    case 'EXEMPTION_REASON_REQUIRED':
      return new ValidationError(
        message,
        [{ path: '/reason', code: 'REQUIRED', message }],
        'EXEMPTION_REASON_REQUIRED',
      );
    default:
      return new LedgerflowError('TASK_UPDATE_FAILED', `The run refused the change: ${message}`, {
        status: 502,
        details: { taskId },
      });
  }
}

/** The amounts the run compared, so the client can say which limit fell short. */
function pickLimit(d: unknown): Record<string, unknown> {
  const { amount, currency, limit } = (d ?? {}) as { amount?: unknown; currency?: unknown; limit?: unknown };
  return { amount, currency, limit: limit ?? null };
}
