import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { boundsOf } from '../model/geometry';
import type { StepNode } from '../model/serialization';

/** "Fit view" for every step, including those not rendered yet (React Flow's fitView counts only measured ones). */
export function useFitAll(): () => void {
  const flow = useReactFlow<StepNode>();
  return useCallback(() => {
    const nodes = flow.getNodes();
    if (nodes.length) void flow.fitBounds(boundsOf(nodes), { padding: 0.15, duration: 300 });
  }, [flow]);
}
