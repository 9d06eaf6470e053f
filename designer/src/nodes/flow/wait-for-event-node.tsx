import type { NodeProps } from '@xyflow/react';
import { humanize } from '../../model/duration';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function WaitForEventNode(props: NodeProps<StepNode>) {
  const { event, timeout } = props.data.step;
  const text = typeof event === 'string' && event
    ? `${event}${typeof timeout === 'string' && timeout ? `, up to ${humanize(timeout)}` : ''}`
    : undefined;
  return <BaseNode {...props} summary={text} />;
}
