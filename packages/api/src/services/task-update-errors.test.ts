import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { taskUpdateError } from './task-update-errors.ts';

const refused = (type: string, message: string, details?: unknown) =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : undefined }),
  );

describe('task update refusals as API errors', () => {
  it('maps a typed FOUR_EYES failure to 403 with reason FOUR_EYES', () => {
    const e = taskUpdateError(refused('FOUR_EYES', 'the person who started this case cannot decide its task'), 't1');
    expect(e.status).toBe(403);
    expect(e.details).toMatchObject({ reason: 'FOUR_EYES', taskId: 't1' });
  });
  it('reads the type, never the message: a coded message with another type is not a four-eyes refusal', () => {
    const e = taskUpdateError(refused('Error', 'FOUR_EYES: looks coded'), 't1');
    expect(e.status).toBe(502);
    expect(e.code).toBe('TASK_UPDATE_FAILED');
  });
  it('maps the other codes to their status, FORM_INVALID with its problems', () => {
    expect(taskUpdateError(refused('TASK_NOT_OPEN', 'x'), 't').status).toBe(409);
    expect(taskUpdateError(refused('TASK_CLAIMED_BY_OTHER', 'x'), 't').details).toMatchObject({
      reason: 'TASK_CLAIMED_BY_OTHER',
    });
    const form = taskUpdateError(
      refused('FORM_INVALID', 'reason required', {
        problems: [{ path: '/data/reason', code: 'REQUIRED', message: 'reason is required to reject' }],
      }),
      't',
    );
    expect(form).toMatchObject({ status: 400, code: 'FORM_INVALID' });
    expect((form.details as { problems: unknown[] }).problems).toHaveLength(1);
  });
  it('maps APPROVAL_LIMIT_EXCEEDED to 403 with that code and the amounts compared', () => {
    const e = taskUpdateError(
      refused('APPROVAL_LIMIT_EXCEEDED', 'below', {
        amount: '60000.00',
        currency: 'EUR',
        limit: { amount: '50000', currency: 'EUR' },
      }),
      't1',
    );
    expect(e).toMatchObject({ status: 403, code: 'APPROVAL_LIMIT_EXCEEDED' });
    expect(e.details).toMatchObject({ taskId: 't1', amount: '60000.00', limit: { amount: '50000' } });
  });
});
