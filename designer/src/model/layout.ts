import dagre from '@dagrejs/dagre';
import type { ConnectionEdge, StepNode } from './serialization';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 84;

/** Top-to-bottom layered layout (dagre); returns new positions keyed by node id, snapped to 10 px. */
export function autoLayout(nodes: StepNode[], edges: ConnectionEdge[]): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? NODE_HEIGHT });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const result = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    const w = n.measured?.width ?? NODE_WIDTH;
    const h = n.measured?.height ?? NODE_HEIGHT;
    result.set(n.id, { x: Math.round((p.x - w / 2) / 10) * 10, y: Math.round((p.y - h / 2) / 10) * 10 });
  }
  return result;
}
