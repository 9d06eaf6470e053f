import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function EndNode(props: NodeProps<StepNode>) {
  const r = props.data.step.reason;
  return <BaseNode {...props} summary={typeof r === 'string' && r ? r : undefined} />;
}
