import type { NodeProps } from '@xyflow/react';
import { humanize } from '../../model/duration';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function WaitUntilNode(props: NodeProps<StepNode>) {
  const { date, offset, time } = props.data.step;
  const text = typeof date === 'string' && date
    ? `until ${typeof offset === 'string' && offset ? `${humanize(offset)} ` : ''}${date}${typeof time === 'string' && time ? ` at ${time}` : ''}`
    : undefined;
  return <BaseNode {...props} summary={text} />;
}
