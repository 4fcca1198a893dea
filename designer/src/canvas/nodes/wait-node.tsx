import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import { BaseNode } from '../base-node.tsx';
import { describeWait } from '../../panels/wait-text.ts';
type N = NodeOfKind<'wait'>;

export function WaitNodeView(props: NodeProps<DesignerNode>) {
  const node = props.data.node as N;
  return <BaseNode {...props} summary={describeWait(node.config.until)} />;
}
