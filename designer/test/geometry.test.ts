import { describe, expect, it } from 'vitest';
import type { PlaybookDefinition } from '../src/api/types';
import { boundsOf, estimatedHandles, openingView, OPENING_ZOOM, READABLE_ZOOM, STEP_HEIGHT, withEstimatedGeometry } from '../src/model/geometry';
import { definitionToGraph, type StepNode } from '../src/model/serialization';
import { createEditorStore } from '../src/store/editorStore';

/** `count` waits in a column 160 px apart, each leading to the next. */
function chain(count: number, x = 0): PlaybookDefinition {
  const steps = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, type: 'wait', duration: 'P1D', position: { x, y: i * 160 } }));
  const connections = steps.slice(1).map((s, i) => ({ from: `s${i}`, to: s.id }));
  return { id: 'chain', steps, connections };
}
const graphOf = (d: PlaybookDefinition) => {
  const g = definitionToGraph(d);
  return { nodes: withEstimatedGeometry(g.nodes, {}), edges: g.edges };
};

describe('estimated geometry (steps React Flow has not rendered yet)', () => {
  it('gives every loaded step a size and one handle per outcome under its label, plus its input', () => {
    const { nodes } = graphOf({ id: 'p', steps: [{ id: 'b', type: 'branch', condition: 'true', position: { x: 0, y: 0 } }], connections: [] });
    const [branch] = nodes;
    expect(branch.initialWidth).toBe(200);
    expect(branch.initialHeight).toBe(STEP_HEIGHT);
    expect(branch.handles?.map((h) => [h.id, h.type])).toEqual([['in', 'target'], ['true', 'source'], ['false', 'source']]);
    const [, trueHandle, falseHandle] = branch.handles!;
    expect(trueHandle.x + trueHandle.width! / 2).toBeCloseTo(50);
    expect(falseHandle.x + falseHandle.width! / 2).toBeCloseTo(150);
  });

  it('widens a step with many outcomes', () => {
    expect(estimatedHandles(['a', 'b', 'c', 'd'], 280).filter((h) => h.type === 'source')).toHaveLength(4);
    const { nodes } = graphOf({ id: 'p', steps: [{ id: 's', type: 'switch', expression: 'x', cases: ['a', 'b', 'c', 'd'], position: { x: 0, y: 0 } }], connections: [] });
    expect(nodes[0].initialWidth).toBe(5 * 70);
  });

  it('the store drops a step\'s estimated handles once React Flow reports its measured size', () => {
    const store = createEditorStore();
    store.getState().load(chain(3));
    expect(store.getState().nodes.every((n) => n.handles)).toBe(true);
    store.getState().onNodesChange([{ type: 'dimensions', id: 's1', dimensions: { width: 213, height: 80 } }]);
    const nodes = store.getState().nodes;
    expect(nodes.find((n) => n.id === 's1')!.handles).toBeUndefined();
    expect(nodes.find((n) => n.id === 's1')!.measured).toEqual({ width: 213, height: 80 });
    expect(nodes.find((n) => n.id === 's0')!.handles).toBeDefined();
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().toDefinition()).toEqual(chain(3));
  });

  it('bounds count measured sizes where known and estimates elsewhere', () => {
    const { nodes } = graphOf(chain(3));
    const measured: StepNode[] = nodes.map((n) => (n.id === 's2' ? { ...n, measured: { width: 300, height: 100 } } : n));
    expect(boundsOf(measured)).toEqual({ x: 0, y: 0, width: 300, height: 320 + 100 });
  });
});

describe('opening view', () => {
  const canvas = { width: 1000, height: 700 };

  it('fits a playbook that is readable when fitted', () => {
    const { nodes, edges } = graphOf(chain(4));
    expect(openingView(nodes, edges, canvas)).toEqual({ fitView: true });
  });

  it('opens a playbook too large to read fitted at its first step, at a readable zoom', () => {
    const { nodes, edges } = graphOf(chain(40, 500));
    const view = openingView(nodes, edges, canvas);
    expect(view.fitView).toBe(false);
    expect(view.viewport!.zoom).toBe(OPENING_ZOOM);
    expect(OPENING_ZOOM).toBeGreaterThanOrEqual(READABLE_ZOOM);
    // s0 (the step nothing leads to) sits centred at the top.
    expect(view.viewport!.x + (500 + 100) * OPENING_ZOOM).toBeCloseTo(canvas.width / 2);
    expect(view.viewport!.y).toBe(40);
  });

  it('starts at the step nothing leads to, even when it is not the first listed', () => {
    const d = chain(40);
    d.steps = [...d.steps!.slice(1), d.steps![0]];
    const { nodes, edges } = graphOf(d);
    expect(openingView(nodes, edges, canvas).viewport!.y).toBe(40);
  });

  it('does not open on empty space left of the playbook', () => {
    const d = chain(40);
    d.steps!.push({ id: 'far', type: 'end', position: { x: 3000, y: 0 } });
    const { nodes, edges } = graphOf(d);
    expect(openingView(nodes, edges, canvas).viewport!.x).toBe(40);
  });

  it('leaves an empty canvas where it is, so dropped steps land where they are dropped', () => {
    expect(openingView([], [], canvas)).toEqual({ fitView: false });
  });
});
