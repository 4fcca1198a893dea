import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import { BaseNode } from '../base-node.tsx';

type N = NodeOfKind<'action'>;

export function ActionNodeView(props: NodeProps<DesignerNode>) {
  const node = props.data.node as N;
  return <BaseNode {...props} summary={`${node.config.connector}.${node.config.action}`} />;
}
