import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function SwitchNode(props: NodeProps<StepNode>) {
  const v = props.data.step.value;
  return <BaseNode {...props} summary={typeof v === 'string' && v ? <code>{v}</code> : undefined} />;
}
