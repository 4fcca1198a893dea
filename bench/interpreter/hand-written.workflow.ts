// The same 5-node process written by hand: the baseline the interpreter is measured against.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { EngineActivities } from '../../packages/engine/src/activities/activity-types.ts';
import { evaluateDecision } from '../../packages/flow-model/src/rules/decision-eval.ts';

const acts = proxyActivities<EngineActivities>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 3 } });

interface Input {
  runId: string;
  amount: string;
  /** Evaluate the rule with json-rules-engine inside the workflow sandbox instead of plain code. */
  rulesInWorkflow?: boolean;
}

export async function handWrittenFlow(input: Input): Promise<string> {
  const vars = { amount: input.amount };
  let big: boolean;
  if (input.rulesInWorkflow) {
    const r = await evaluateDecision(
      {
        outcomes: [{ name: 'big', when: { all: [{ fact: 'amount', operator: 'amountGt', value: '100' }] } }],
        defaultOutcome: 'small',
      },
      vars,
      { now: new Date(), timezone: 'Europe/Paris' },
    );
    big = r.outcome === 'big';
  } else {
    big = Number(input.amount) > 100;
  }
  const key = `${input.runId}`;
  await acts.runAction({
    runId: input.runId,
    nodeId: 'a1',
    connector: 'builtin',
    action: 'echo',
    inputs: { value: big ? "'big'" : "'small'" },
    vars,
    idempotencyKey: `${key}:a1`,
  });
  await sleep('1s');
  await acts.runAction({
    runId: input.runId,
    nodeId: 'a2',
    connector: 'builtin',
    action: 'echo',
    inputs: { value: "'done'" },
    vars,
    idempotencyKey: `${key}:a2`,
  });
  return 'done';
}
