import type { NodeProps } from '@xyflow/react';
import type { DesignerNode } from '../../flow/serializer.ts';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import { BaseNode } from '../base-node.tsx';
import { describeRule, toModel } from '../../rules/rule-builder.model.ts';

function describeOutcomes(node: NodeOfKind<'decision'>): string {
  const first = node.config.outcomes[0];
  return first ? `${first.name}: ${describeRule(toModel(first.when))}` : '';
}
type N = NodeOfKind<'decision'>;

export function DecisionNodeView(props: NodeProps<DesignerNode>) {
  const node = props.data.node as N;
  return <BaseNode {...props} summary={describeOutcomes(node)} />;
}
