import type { ActivityDeps } from './deps.ts';
import type { EngineActivities } from './activity-types.ts';
import { recordEventsActivity } from './events.activity.ts';
import { evaluateActivity } from './evaluate.activity.ts';
import { runActionActivity } from './action.activity.ts';
import { registerRunActivity, resolveFlowActivity } from './flows.activity.ts';
import { createTaskActivity, projectTaskActivity, transitionTaskActivity } from './tasks.activity.ts';
import { syncFeedActivity } from './feed.activity.ts';
import { syncLedgerFeedActivity } from './ledger-feed.activity.ts';
import { rotateSecretsActivity, testConnectionActivity } from './connections.activity.ts';
import { dunningClassifyActivity } from './dunning-classify.activity.ts';
import { dunningSendActivity } from './dunning-send.activity.ts';
import { dunningPauseActivity } from './dunning-pause.activity.ts';

export function createActivities(deps: ActivityDeps): EngineActivities {
  const recordEvents = recordEventsActivity(deps);
  return {
    syncFeed: syncFeedActivity(deps),
    syncLedgerFeed: syncLedgerFeedActivity(deps),
    testConnectionProbe: testConnectionActivity(deps),
    rotateSecrets: rotateSecretsActivity(deps),
    recordEvents,
    evaluate: evaluateActivity(deps, recordEvents),
    runAction: runActionActivity(deps, recordEvents),
    resolveFlow: resolveFlowActivity(deps),
    registerRun: registerRunActivity(deps),
    createTask: createTaskActivity(deps),
    transitionTask: transitionTaskActivity(deps),
    projectTask: projectTaskActivity(deps),
    dunningClassify: dunningClassifyActivity(deps),
    dunningSend: dunningSendActivity(deps),
    dunningPause: dunningPauseActivity(deps),
  };
}
