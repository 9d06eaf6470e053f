import dagre from '@dagrejs/dagre';
import { sizeOf, STEP_HEIGHT, STEP_MIN_WIDTH } from './geometry';
import type { ConnectionEdge, StepNode } from './serialization';

/** The size assumed for a new step (a step with one outcome) until it is drawn. */
export const NODE_WIDTH = STEP_MIN_WIDTH;
export const NODE_HEIGHT = STEP_HEIGHT;

/** Top-to-bottom layered layout (dagre); returns new positions keyed by node id, snapped to 10 px. */
export function autoLayout(nodes: StepNode[], edges: ConnectionEdge[]): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, sizeOf(n));
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const result = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    const { width: w, height: h } = sizeOf(n);
    result.set(n.id, { x: Math.round((p.x - w / 2) / 10) * 10, y: Math.round((p.y - h / 2) / 10) * 10 });
  }
  return result;
}

const FREE_GAP = 30;

/**
 * Where a new step of the default size can go near `wanted` (its top-left corner) without covering another
 * step: `wanted` itself when free, else the first free slot straight below it, a row at a time, so steps
 * added one after another line up top-down. Snapped to whole pixels.
 */
export function freePosition(nodes: StepNode[], wanted: { x: number; y: number }, maxTries = 100): { x: number; y: number } {
  const boxes = nodes.map((n) => { const { width: w, height: h } = sizeOf(n); return { x: n.position.x, y: n.position.y, w, h }; });
  const x = Math.round(wanted.x);
  let y = Math.round(wanted.y);
  for (let i = 0; i < maxTries; i++) {
    const blocker = boxes.find((b) => x < b.x + b.w + FREE_GAP && b.x < x + NODE_WIDTH + FREE_GAP && y < b.y + b.h + FREE_GAP && b.y < y + NODE_HEIGHT + FREE_GAP);
    if (!blocker) return { x, y };
    y = Math.round(blocker.y + blocker.h + FREE_GAP);
  }
  return { x, y };
}
