import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import { BaseNode } from '../base-node.tsx';


export function ManualTriggerNodeView(props: NodeProps<DesignerNode>) {
  return <BaseNode {...props} />;
}
