import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import { BaseNode } from '../base-node.tsx';

type N = NodeOfKind<'trigger.webhook'>;

export function WebhookTriggerNodeView(props: NodeProps<DesignerNode>) {
  const node = props.data.node as N;
  return <BaseNode {...props} summary={node.config.businessKey ? `key: ${node.config.businessKey}` : undefined} />;
}
