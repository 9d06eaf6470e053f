import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../../model/serialization';
import { BaseNode } from '../base-node';

const SKIP = new Set(['id', 'type', 'name', 'position', 'join']);

/** Any step type without its own node (e.g. types the server adds later): shows its first text setting. */
export function GenericNode(props: NodeProps<StepNode>) {
  const first = Object.entries(props.data.step).find(([k, v]) => !SKIP.has(k) && typeof v === 'string' && v);
  return <BaseNode {...props} summary={first ? `${first[0]}: ${String(first[1])}` : undefined} />;
}
