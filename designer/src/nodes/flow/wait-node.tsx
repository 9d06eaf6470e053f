import type { NodeProps } from '@xyflow/react';
import { humanize } from '../../model/duration';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function WaitNode(props: NodeProps<StepNode>) {
  const d = props.data.step.duration;
  return <BaseNode {...props} summary={typeof d === 'string' && d ? `for ${humanize(d)}` : undefined} />;
}
