import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function BranchNode(props: NodeProps<StepNode>) {
  const c = props.data.step.condition;
  return <BaseNode {...props} summary={typeof c === 'string' && c ? <code>{c}</code> : undefined} />;
}
