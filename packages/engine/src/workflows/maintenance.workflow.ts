import { proxyActivities } from '@temporalio/workflow';
import type {
  EngineActivities,
  RotateSecretsResult,
  TestConnectionInput,
  TestConnectionResult,
} from '../activities/activity-types.ts';

const acts = proxyActivities<EngineActivities>({ startToCloseTimeout: '2m', retry: { maximumAttempts: 1 } });

/** The API asks the worker to probe a connection: secrets are decrypted only there. */
export async function connectionTestWorkflow(input: TestConnectionInput): Promise<TestConnectionResult> {
  return acts.testConnectionProbe(input);
}

export async function rotateSecretsWorkflow(): Promise<RotateSecretsResult> {
  return acts.rotateSecrets();
}
