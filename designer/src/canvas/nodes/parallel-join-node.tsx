import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import { BaseNode } from '../base-node.tsx';


export function ParallelJoinNodeView(props: NodeProps<DesignerNode>) {
  return <BaseNode {...props} />;
}
