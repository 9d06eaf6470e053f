import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

export function StartPlaybookNode(props: NodeProps<StepNode>) {
  const p = props.data.step.playbook;
  return <BaseNode {...props} summary={typeof p === 'string' && p ? `starts ${p}` : undefined} />;
}
