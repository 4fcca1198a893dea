import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import { BaseNode } from '../base-node.tsx';

type N = NodeOfKind<'decisionTable'>;

export function DecisionTableNodeView(props: NodeProps<DesignerNode>) {
  const node = props.data.node as N;
  return <BaseNode {...props} summary={`${node.config.rows.length} rows × ${node.config.columns.length} cols · ${node.config.hitPolicy}`} />;
}
