import { ApplicationFailure } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import type { RunContext } from './run-context.ts';
import type { TaskCompletion } from './messages.ts';
import { checkCompletion, type TaskState } from './task-rules.ts';

type TaskConfig = NodeOfKind<'humanTask'>['config'];

function run(task: Partial<TaskState>, config: Partial<TaskConfig> = {}): RunContext {
  const node: NodeOfKind<'humanTask'> = {
    id: 'approve',
    kind: 'humanTask',
    config: {
      title: 'Approve',
      assignee: { type: 'approver', value: 'manager' },
      outcomes: [{ name: 'approve', kind: 'approve' }, { name: 'reject', kind: 'reject' }, { name: 'comment' }],
      ...config,
    },
  };
  const t: TaskState = {
    nodeId: 'approve',
    check: null,
    status: 'open',
    assignee: { type: 'user', value: 'marie' },
    claimedBy: null,
    rev: 1,
    amount: '60000.00',
    currency: 'EUR',
    ...task,
  };
  return {
    input: { startedBy: 'someone-else' },
    graph: { nodes: new Map([['approve', node]]) },
    openTasks: new Map([['t1', t]]),
    taskResults: new Map(),
    lastChangedBy: null,
    sourceChangedBy: null,
  } as unknown as RunContext;
}

const completion = (outcome: string, approvalLimit?: TaskCompletion['approvalLimit']): TaskCompletion => ({
  taskId: 't1',
  outcome,
  userId: 'u-marie',
  username: 'marie',
  ...(approvalLimit !== undefined ? { approvalLimit } : {}),
});

function refusal(fn: () => void): { type: string | undefined; details: unknown } | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (!(err instanceof ApplicationFailure)) throw err;
    return { type: err.type ?? undefined, details: err.details?.[0] };
  }
}

describe('approval limits in the task rules', () => {
  it('refuses an approval above the approver’s limit, naming amount and limit', () => {
    const r = refusal(() => checkCompletion(run({}), completion('approve', { amount: '50000', currency: 'EUR' })));
    expect(r?.type).toBe('APPROVAL_LIMIT_EXCEEDED');
    expect(r?.details).toMatchObject({ amount: '60000.00', currency: 'EUR', limit: { amount: '50000' } });
  });

  it('lets a limit equal to or above the amount approve (compared as exact decimals)', () => {
    expect(refusal(() => checkCompletion(run({}), completion('approve', { amount: '60000', currency: 'EUR' })))).toBe(
      null,
    );
    const cents = run({ amount: '50000.01' });
    expect(
      refusal(() => checkCompletion(cents, completion('approve', { amount: '50000.00', currency: 'EUR' })))?.type,
    ).toBe('APPROVAL_LIMIT_EXCEEDED');
  });

  it('allows a rejection or another outcome whatever the limit', () => {
    const small = { amount: '10', currency: 'EUR' };
    expect(refusal(() => checkCompletion(run({}), completion('reject', small)))).toBe(null);
    expect(refusal(() => checkCompletion(run({}), completion('comment', small)))).toBe(null);
  });

  it('refuses a limit in another currency: no conversion', () => {
    const r = refusal(() => checkCompletion(run({}), completion('approve', { amount: '1000000', currency: 'USD' })));
    expect(r?.type).toBe('APPROVAL_LIMIT_EXCEEDED');
  });

  it('does not limit users without a limit unless the node requires one', () => {
    expect(refusal(() => checkCompletion(run({}), completion('approve', null)))).toBe(null);
    expect(refusal(() => checkCompletion(run({}), completion('approve')))).toBe(null);
    const strict = run({}, { requireApprovalLimit: true });
    expect(refusal(() => checkCompletion(strict, completion('approve', null)))?.type).toBe('APPROVAL_LIMIT_EXCEEDED');
  });

  it('does not limit a task without an amount (or one created before amounts were known)', () => {
    const none = run({ amount: null, currency: null }, { requireApprovalLimit: true });
    expect(refusal(() => checkCompletion(none, completion('approve', { amount: '1', currency: 'EUR' })))).toBe(null);
  });
});
