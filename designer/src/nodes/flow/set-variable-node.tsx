import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function SetVariableNode(props: NodeProps<StepNode>) {
  const { variable, value } = props.data.step;
  return <BaseNode {...props} summary={typeof variable === 'string' && variable ? <code>{`${variable} = ${String(value ?? '')}`}</code> : undefined} />;
}
