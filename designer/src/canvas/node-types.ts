import type { NodeTypes } from '@xyflow/react';
import type { NodeKind } from '@ledgerflow/flow-model';
import { ManualTriggerNodeView } from './nodes/trigger-manual-node.tsx';
import { ScheduleTriggerNodeView } from './nodes/trigger-schedule-node.tsx';
import { WebhookTriggerNodeView } from './nodes/trigger-webhook-node.tsx';
import { RecordFeedTriggerNodeView } from './nodes/trigger-record-feed-node.tsx';
import { DecisionNodeView } from './nodes/decision-node.tsx';
import { DecisionTableNodeView } from './nodes/decision-table-node.tsx';
import { SetVariablesNodeView } from './nodes/set-variables-node.tsx';
import { ActionNodeView } from './nodes/action-node.tsx';
import { HumanTaskNodeView } from './nodes/human-task-node.tsx';
import { WaitNodeView } from './nodes/wait-node.tsx';
import { WaitForEventNodeView } from './nodes/wait-for-event-node.tsx';
import { ForEachNodeView } from './nodes/for-each-node.tsx';
import { SubFlowNodeView } from './nodes/sub-flow-node.tsx';
import { ParallelSplitNodeView } from './nodes/parallel-split-node.tsx';
import { ParallelJoinNodeView } from './nodes/parallel-join-node.tsx';
import { EndNodeView } from './nodes/end-node.tsx';

/** Module scope on purpose: a new object per render makes React Flow remount every node. */
export const nodeTypes = {
  'trigger.manual': ManualTriggerNodeView,
  'trigger.schedule': ScheduleTriggerNodeView,
  'trigger.webhook': WebhookTriggerNodeView,
  'trigger.recordFeed': RecordFeedTriggerNodeView,
  decision: DecisionNodeView,
  decisionTable: DecisionTableNodeView,
  setVariables: SetVariablesNodeView,
  action: ActionNodeView,
  humanTask: HumanTaskNodeView,
  wait: WaitNodeView,
  waitForEvent: WaitForEventNodeView,
  forEach: ForEachNodeView,
  subFlow: SubFlowNodeView,
  'parallel.split': ParallelSplitNodeView,
  'parallel.join': ParallelJoinNodeView,
  end: EndNodeView,
} satisfies Record<NodeKind, NodeTypes[string]>;
