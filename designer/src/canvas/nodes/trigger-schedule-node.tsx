import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import { BaseNode } from '../base-node.tsx';

type N = NodeOfKind<'trigger.schedule'>;

export function ScheduleTriggerNodeView(props: NodeProps<DesignerNode>) {
  const node = props.data.node as N;
  return <BaseNode {...props} summary={`${node.config.cron}${node.config.workingDaysOnly ? ' · working days' : ''}`} />;
}
